using RagPlatform.Core.Documents;
using RagPlatform.Core.Jobs;

namespace RagPlatform.Web.Components.Pages;

/// <summary>What the library says about one uploaded file once its job is known: it follows the job to its end.</summary>
internal static class UploadStatus
{
    public static string Describe(JobInfo job, string fileName, DocumentInfo? document)
    {
        var error = job.Errors.FirstOrDefault(e => e.Path == fileName || Path.GetFileName(e.Path) == fileName);
        return job.State switch
        {
            JobState.Queued => "Queued for indexing",
            JobState.Running when job.Step is { } step => $"Indexing ({job.Processed} of {job.Total} files; {step})",
            JobState.Running => $"Indexing ({job.Processed} of {job.Total} files)",
            JobState.Cancelled => "Cancelled before it was indexed",
            _ when error is not null => "Failed: " + error.Error,
            JobState.Failed => "Failed: " + (job.Error ?? document?.Error ?? "the job failed"),
            // The same bytes were indexed before (content hash): nothing changed.
            _ when job.Unchanged == job.Total || (document is { State: DocumentState.Indexed } && document.UpdatedAt < job.CreatedAt)
                => "Unchanged: already indexed with the same content",
            _ when document is { State: DocumentState.Failed } => "Failed: " + (document.Error ?? "indexing failed"),
            _ => "Indexed",
        };
    }
}
