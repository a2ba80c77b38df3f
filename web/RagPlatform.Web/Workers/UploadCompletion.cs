using RagPlatform.Core.Diagnostics;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Jobs;
using RagPlatform.Core.Storage;

namespace RagPlatform.Web.Workers;

/// <summary>
/// What happens after an upload job ends, in any final state. Documents still Queued that were queued before it (the
/// job failed before reaching them, lost its folder, or was cancelled) and that no pending upload carries become Failed
/// with the file's or the job's error, so no state waits for work that will never come. Then the upload folder is
/// removed; the originals live on in the file store.
/// </summary>
internal sealed class UploadCompletion(IMetadataStore store, UploadStore uploads, TimeProvider time)
{
    public async Task CompleteAsync(JobInfo job, CancellationToken cancellationToken)
    {
        if (!job.IsUpload || job.State is JobState.Queued or JobState.Running)
        {
            return;
        }

        using var activity = RagActivity.Source.StartActivity("upload-completion");
        activity?.SetTag("job.id", job.Id);
        var queued = (await store.ListDocumentsAsync(job.Collection, cancellationToken))
            .Where(d => d.State == DocumentState.Queued && d.UpdatedAt <= job.CreatedAt)
            .ToList();
        if (queued.Count > 0)
        {
            var pending = (await store.ListJobsAsync(int.MaxValue, cancellationToken))
                .Where(j => j.IsUpload && j.Id != job.Id && j.Collection == job.Collection && j.State is JobState.Queued or JobState.Running)
                .SelectMany(j => uploads.NamesIn(j.Path))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var group in queued.Where(d => !pending.Contains(d.Source)).GroupBy(d => ErrorFor(job, d.Source), StringComparer.Ordinal))
            {
                await store.SetDocumentStatesAsync([.. group.Select(d => d.Id)], DocumentState.Failed, group.Key, time.GetUtcNow(), cancellationToken);
            }
        }

        uploads.Delete(job.Path);
    }

    private static string ErrorFor(JobInfo job, string source)
        => job.Errors.FirstOrDefault(e => e.Path == source)?.Error
            ?? job.Error
            ?? $"The upload's indexing job ended ({job.State}) before this file was indexed; upload it again.";
}
