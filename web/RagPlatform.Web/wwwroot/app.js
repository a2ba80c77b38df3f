// Uploads with per-file progress (XHR to the REST API) and small viewer helpers. No third-party code.
(function () {
  function uploadOne(file, collection, report) {
    return new Promise((resolve) => {
      const form = new FormData();
      form.append("files", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/collections/" + encodeURIComponent(collection) + "/documents");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) report(file.name, Math.round((100 * e.loaded) / e.total), "Uploading");
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          let jobId = null;
          try { jobId = JSON.parse(xhr.responseText).jobId || null; } catch (_) { /* no body */ }
          // The library follows the job from here (indexed, unchanged, failed).
          report(file.name, 100, "Queued for indexing", jobId);
        } else {
          let message = "Upload failed (HTTP " + xhr.status + ")";
          try {
            const problem = JSON.parse(xhr.responseText);
            message = problem.detail || problem.title || message;
          } catch (_) { /* not JSON */ }
          report(file.name, 0, message);
        }
        resolve();
      };
      xhr.onerror = () => { report(file.name, 0, "Upload failed: the server could not be reached"); resolve(); };
      xhr.send(form);
    });
  }

  async function uploadAll(files, collection, dotnet) {
    const report = (name, percent, status, jobId) => dotnet.invokeMethodAsync("UploadProgressed", name, percent, status, jobId || null);
    for (const file of files) {
      await report(file.name, 0, "Waiting");
    }
    for (const file of files) {
      await uploadOne(file, collection, report);
    }
  }

  window.ragUpload = {
    attach(input, dotnet) {
      input.addEventListener("change", async () => {
        const files = Array.from(input.files || []);
        await uploadAll(files, input.dataset.collection, dotnet);
        input.value = "";
      });
      input.dataset.ready = "1";
      const zone = input.closest(".drop");
      if (!zone) return;
      zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
      zone.addEventListener("dragleave", () => zone.classList.remove("over"));
      zone.addEventListener("drop", (e) => {
        e.preventDefault();
        zone.classList.remove("over");
        uploadAll(Array.from(e.dataTransfer.files), input.dataset.collection, dotnet);
      });
    },
  };

  // Bring a cited span into view after each render of the viewer.
  const observer = new MutationObserver(() => {
    const cited = document.getElementById("cited");
    if (cited && cited.dataset.scrolled !== "1") {
      cited.dataset.scrolled = "1";
      cited.scrollIntoView({ block: "center" });
    }
  });
  document.addEventListener("DOMContentLoaded", () => observer.observe(document.body, { childList: true, subtree: true }));
})();
