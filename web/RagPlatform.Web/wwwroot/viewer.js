// Renders PDF pages with pdf.js (served by the app from wwwroot/lib) and draws the cited span's rectangles, which come
// from the PDF's own glyph positions (GET /api/documents/{id}/boxes), over the page canvas.
import * as pdfjs from "./lib/pdfjs/pdf.min.mjs";

pdfjs.GlobalWorkerOptions.workerSrc = new URL("./lib/pdfjs/pdf.worker.min.mjs", import.meta.url).toString();

const documents = new Map();

function load(documentId) {
  if (!documents.has(documentId)) {
    documents.set(documentId, pdfjs.getDocument({ url: "/api/documents/" + documentId + "/file", isEvalSupported: false }).promise);
  }
  return documents.get(documentId);
}

async function spanBoxes(documentId, start, end) {
  if (!(end > start)) return [];
  const response = await fetch("/api/documents/" + documentId + "/boxes?start=" + start + "&end=" + end);
  if (!response.ok) return [];
  return (await response.json()).pages;
}

export async function render(container, documentId, firstPage, lastPage, start, end) {
  container.replaceChildren();
  container.dataset.state = "loading";
  try {
    const [pdf, boxes] = await Promise.all([load(documentId), spanBoxes(documentId, start, end)]);
    const width = Math.max(280, container.clientWidth);
    for (let number = firstPage; number <= Math.min(lastPage, pdf.numPages); number++) {
      const page = await pdf.getPage(number);
      const scale = width / page.getViewport({ scale: 1 }).width;
      const viewport = page.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const frame = document.createElement("div");
      frame.className = "pdf-page";
      frame.dataset.page = String(number);
      frame.style.width = viewport.width + "px";
      frame.style.height = viewport.height + "px";
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", "Page " + number + " of the PDF");
      frame.appendChild(canvas);
      container.appendChild(frame);
      await page.render({ canvas, viewport, transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0] }).promise;
      const onPage = boxes.find((p) => p.page === number);
      for (const r of onPage ? onPage.rects : []) {
        const [x1, y1] = viewport.convertToViewportPoint(r.x, r.y);
        const [x2, y2] = viewport.convertToViewportPoint(r.x + r.width, r.y + r.height);
        const box = document.createElement("div");
        box.className = "pdf-box";
        box.style.left = Math.min(x1, x2) + "px";
        box.style.top = Math.min(y1, y2) + "px";
        box.style.width = Math.abs(x2 - x1) + "px";
        box.style.height = Math.abs(y2 - y1) + "px";
        frame.appendChild(box);
      }
    }
    container.dataset.state = "ready";
    const first = container.querySelector(".pdf-box");
    if (first) first.scrollIntoView({ block: "center" });
  } catch (error) {
    container.dataset.state = "failed";
    const message = document.createElement("p");
    message.className = "error";
    message.setAttribute("role", "alert");
    message.textContent = "The PDF page could not be drawn (" + (error && error.message ? error.message : "unknown error") + "); its text is shown below.";
    container.appendChild(message);
  }
}
