// PDF pages drawn on canvases inside the window, from bytes in memory, with PDF.js (pdfjs-dist,
// bundled: its worker is a file of our own origin, nothing is fetched from a CDN).
//
// Why not an <iframe>/<embed> of a blob: URL? WebKitGTK 2.50 does show one, with its built-in
// PDF.js viewer, but that viewer's toolbar offers Open, Print and Save: "Save" writes an
// unencrypted copy straight to the Downloads folder, past the "this copy will NOT be encrypted"
// warning. Drawing the pages ourselves keeps saving behind that warning.
//
// Under the window's CSP: the worker script is 'self' (script-src/worker-src fall back to it);
// no wasm (useWasm: false, no 'wasm-unsafe-eval'), no fetch of CMaps, standard fonts or ICC
// profiles (connect-src allows only the IPC). Fonts embedded in the PDF are loaded from memory.
import type { PDFDocumentProxy } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

export type PdfDoc = { pages: number; render: (page: number, canvas: HTMLCanvasElement, width: number) => Promise<void>; destroy: () => void };

/** Open a PDF from bytes (a copy is handed to the worker, so `bytes` stays usable). */
export async function openPdf(bytes: Uint8Array): Promise<PdfDoc> {
  const pdfjs = await import("pdfjs-dist");
  if (!pdfjs.GlobalWorkerOptions.workerSrc) pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    useWasm: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const doc: PDFDocumentProxy = await task.promise;
  return {
    pages: doc.numPages,
    async render(n, canvas, width) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const scale = width / base.width;
      const ratio = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
    },
    destroy() {
      void task.destroy();
    },
  };
}
