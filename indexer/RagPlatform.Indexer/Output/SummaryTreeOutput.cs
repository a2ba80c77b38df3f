using System.Globalization;
using RagPlatform.Core.Trees;
using Spectre.Console;

namespace RagPlatform.Indexer.Output;

/// <summary><c>ragp docs tree ID</c> for people: Spectre's tree, each node under its own parent, one line a node.</summary>
internal static class SummaryTreeOutput
{
    // Spectre draws four columns of guide per depth.
    private const int GuideWidth = 4;

    public static void Write(CliConsole console, DocumentTreeView view)
    {
        var width = console.Width;
        var tree = new Tree(Markup.Escape($"{view.Levels} levels, {view.Nodes.Count} nodes"));
        var children = view.Nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        foreach (var root in view.Nodes.Where(n => n.ParentId is null || !view.Nodes.Any(p => p.Id == n.ParentId)))
        {
            Add(tree, root, depth: 1);
        }

        console.Human.Write(tree);

        void Add(IHasTreeNodes parent, DocumentTreeView.Node node, int depth)
        {
            var head = string.Create(CultureInfo.InvariantCulture, $"n{node.Id} p{node.PageStart}-{node.PageEnd} [{node.CharStart}-{node.CharEnd}]: ");
            var room = Math.Max(10, width - (GuideWidth * depth) - head.Length);
            var added = parent.AddNode(Markup.Escape(head + Fit.End(node.Summary, room)));
            foreach (var child in children[node.Id].OrderBy(c => c.CharStart))
            {
                Add(added, child, depth + 1);
            }
        }
    }
}
