using System.Text.RegularExpressions;

namespace RagPlatform.Web.Tests.Cli;

/// <summary>The output without --json, laid out for 80 columns (the width of any output that is not a terminal).</summary>
public sealed partial class HumanOutputTests
{
    private const string Statute =
        "# Title 17, United States Code\n\n" +
        "## § 106. Exclusive rights in copyrighted works\n\n" +
        "Subject to sections 107 through 122, the owner of copyright under this title has the exclusive rights to do " +
        "and to authorize reproduction of the copyrighted work in copies or phonorecords.\n";

    [Fact]
    public async Task Search_prints_blocks_with_decoded_text_and_bracketed_matches_within_80_columns()
    {
        using var cli = new CliFixture();
        cli.Write("statute.md", Statute);
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "law", "--json")).ExitCode);

        var search = await cli.RunAsync("search", "exclusive rights", "--collection", "law", "--pipeline", "bm25", "--top", "1");
        Assert.Equal(0, search.ExitCode);
        var expected = """
             1. <score>  Title 17, United States Code
                <id>  pages 1-1  chars <span>
                Title 17, United States Code
                Title 17, United States Code § 106. [Exclusive rights] in copyrighted works
                Subject to sections 107 through 122, the owner of copyright under this title
                has the [exclusive rights] to do and to authorize…

            1 hits in <ms> ms (bm25)

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Normalize(search.Stdout));
        Assert.DoesNotContain("<mark>", search.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", search.Stdout, StringComparison.Ordinal);
        AssertFits(search.Stdout);
    }

    [Fact]
    public async Task Docs_list_keeps_each_id_on_one_line_and_cuts_long_titles_to_80_columns()
    {
        using var cli = new CliFixture();
        var longTitle = "An Act to amend title 17, United States Code, to provide for the registration and protection of the designs of useful articles";
        cli.Write("designs.md", $"# {longTitle}\n\nThe designs of useful articles are protected as provided in this chapter.\n");
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "law", "--json")).ExitCode);
        var id = (await cli.RunAsync("docs", "list", "--collection", "law", "--json")).Json[0].GetProperty("id").GetString()!;

        var list = await cli.RunAsync("docs", "list", "--collection", "law");
        Assert.Equal(0, list.ExitCode);
        var lines = list.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal($"{id}  Indexed  1 page  1 chunk", lines[0]);
        Assert.Equal("  " + longTitle[..77].TrimEnd() + "…", lines[1]);
        Assert.EndsWith("designs.md", lines[2], StringComparison.Ordinal);
        Assert.Equal("1 document", lines[3]);
        AssertFits(list.Stdout);
    }

    [Fact]
    public async Task Docs_tree_draws_every_node_under_its_own_parent()
    {
        using var cli = new CliFixture();
        cli.Write("supply.txt", string.Join("\n\n", Enumerable.Range(1, 60).Select(i =>
            $"Article {i} Clause {i}\n\n{i}.1 The supplier shall deliver lot {i} within {i + 10} days of the order. " +
            $"{i}.2 Either party may terminate the order for lot {i} upon written notice if the other party breaches clause {i}.1.")));
        Assert.Equal(0, (await cli.RunAsync("index", cli.Inputs, "--collection", "supply", "--json")).ExitCode);
        var id = (await cli.RunAsync("docs", "list", "--collection", "supply", "--json")).Json[0].GetProperty("id").GetString()!;
        var json = (await cli.RunAsync("docs", "tree", id, "--json")).Json;
        var parents = json.GetProperty("nodes").EnumerateArray().ToDictionary(
            n => n.GetProperty("id").GetInt32(),
            n => n.GetProperty("parentId").ValueKind == System.Text.Json.JsonValueKind.Null ? (int?)null : n.GetProperty("parentId").GetInt32());

        var tree = await cli.RunAsync("docs", "tree", id);
        Assert.Equal(0, tree.ExitCode);
        AssertFits(tree.Stdout);
        var lines = tree.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{json.GetProperty("levels").GetInt32()} levels, {parents.Count} nodes", lines[0]);

        // Each node's label starts one guide (4 columns) right of its parent's, and its parent is the nearest line above
        // that starts one guide to the left.
        var drawn = lines.Skip(1).Select(line => (Match: NodeLabel().Match(line), Line: line)).ToList();
        Assert.Equal(parents.Count, drawn.Count);
        for (var i = 0; i < drawn.Count; i++)
        {
            var (match, line) = drawn[i];
            Assert.True(match.Success, line);
            var node = int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = match.Index;
            var parentLine = drawn.Take(i).LastOrDefault(d => d.Match.Index == column - 4);
            var expectedParent = parents[node];
            if (expectedParent is null)
            {
                Assert.Equal(4, column);
            }
            else
            {
                Assert.Equal($"n{expectedParent}", parentLine.Match.Value.Split(' ')[0]);
            }
        }
    }

    [Fact]
    public async Task Index_reports_skipped_files_and_a_failed_file_in_one_line_without_a_stack_trace()
    {
        using var cli = new CliFixture();
        cli.Write("statute.md", Statute);
        File.WriteAllBytes(Path.Combine(cli.Inputs, "tool.exe"), [0x4D, 0x5A, 0x90, 0x00]);
        File.WriteAllText(Path.Combine(cli.Inputs, "broken.pdf"), "%PDF-1.7\nthis is not a PDF body\n");

        var human = await cli.RunAsync("index", cli.Inputs, "--collection", "law");
        Assert.Equal(1, human.ExitCode);
        var skipped = Path.Combine(cli.Inputs, "tool.exe");
        Assert.Contains($"  skipped: {skipped} (unsupported type .exe)", human.Stdout, StringComparison.Ordinal);
        var failed = Assert.Single(human.Stdout.Split('\n'), l => l.StartsWith("  failed: ", StringComparison.Ordinal));
        Assert.Contains("broken.pdf", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", human.Stdout + human.Stderr, StringComparison.Ordinal);
        Assert.All(human.Stdout.ReplaceLineEndings("\n").Split('\n').Where(l => !l.Contains(cli.Inputs, StringComparison.Ordinal)),
            l => Assert.True(l.Length <= 80, l));

        var json = await cli.RunAsync("index", cli.Inputs, "--collection", "law", "--json");
        var entry = Assert.Single(json.Json.GetProperty("skipped").EnumerateArray());
        Assert.Equal(skipped, entry.GetProperty("path").GetString());
        Assert.Equal("unsupported type .exe", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unknown_document_is_a_one_line_error()
    {
        using var cli = new CliFixture();
        var run = await cli.RunAsync("docs", "show", "not-a-guid");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: 'not-a-guid' is not a document id (a GUID).", run.Stderr.Trim());
    }

    private static string Normalize(string output)
    {
        var text = output.ReplaceLineEndings("\n");
        text = Guids().Replace(text, "<id>");
        text = Regex.Replace(text, @"^( 1\. )\d+\.\d{3}", "$1<score>", RegexOptions.Multiline);
        text = Regex.Replace(text, @"chars \d+-\d+", "chars <span>");
        return Regex.Replace(text, @"in \d+\.\d ms", "in <ms> ms");
    }

    private static void AssertFits(string output) =>
        Assert.All(output.ReplaceLineEndings("\n").Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex(@"n(?<id>\d+) p\d+-\d+ \[\d+-\d+\]")]
    private static partial Regex NodeLabel();
}
