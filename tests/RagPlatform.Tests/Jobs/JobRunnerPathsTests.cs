using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Indexing;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;
using RagPlatform.Tests.Indexing;

namespace RagPlatform.Tests.Jobs;

/// <summary>
/// One job over several paths (what <c>ragp index A B</c> runs): the job record covers every source the caller
/// enumerated, with the same bookkeeping as a one-path job.
/// </summary>
public sealed class JobRunnerPathsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ragp-jobpaths-").FullName;

    [Fact]
    public async Task A_job_over_two_folders_indexes_the_sources_of_both_and_records_them()
    {
        var first = Folder("statutes", ("s1.md", "# Section 1\n\nThe lessee pays rent monthly."), ("s2.txt", "Section 2. The lessor repairs the roof."));
        var second = Folder("opinions", ("o1.md", "# Opinion\n\nThe court holds the clause void."), ("notes.xyz", "not a document"));
        await using var services = await OpenAsync();
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var runner = services.GetRequiredService<JobRunner>();
        var sources = SourceEnumerator.Enumerate([first, second], pipeline.SupportedExtensions);
        var job = await runner.EnqueueAsync("cases", string.Join(Path.PathSeparator, first, second), isUpload: false, prune: false, CancellationToken.None);

        var done = await runner.RunAsync(job, sources, progress: null, CancellationToken.None);

        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Equal(JobHost.Cli, done.RunBy);
        Assert.Equal(1, done.Attempts);
        Assert.Equal(3, done.Total);
        Assert.Equal(3, done.Added);
        Assert.NotNull(done.FinishedAt);
        var stored = (await services.GetRequiredService<IMetadataStore>().ListJobsAsync(10, CancellationToken.None)).Single();
        Assert.Equal((JobState.Succeeded, 3, job.Path), (stored.State, stored.Added, stored.Path));
        var documents = await services.GetRequiredService<IMetadataStore>().ListDocumentsAsync("cases", CancellationToken.None);
        Assert.Equal(["o1.md", "s1.md", "s2.txt"], documents.Select(d => Path.GetFileName(d.Source)).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal(DocumentState.Indexed, d.State));
    }

    [Fact]
    public void File_admission_checks_the_type_first_then_empty_then_size()
    {
        var admission = new FileAdmission(new HashSet<string>(StringComparer.Ordinal) { ".md", ".pdf" }, maxFileBytes: 100);

        Assert.Equal(FileVerdict.Admitted, admission.Check("brief.md", 100));
        Assert.Equal(FileVerdict.Admitted, admission.Check("BRIEF.PDF", 1));
        Assert.Equal(FileVerdict.UnsupportedType, admission.Check("brief.exe", 0));
        Assert.Equal(FileVerdict.UnsupportedType, admission.Check("README", 10));
        Assert.Equal(FileVerdict.Empty, admission.Check("brief.md", 0));
        Assert.Equal(FileVerdict.TooLarge, admission.Check("brief.pdf", 101));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Folder(string name, params (string File, string Text)[] files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }

        return folder;
    }

    private Task<ServiceProvider> OpenAsync() => IndexingServices.OpenAsync(Path.Combine(_folder, "data"));
}
