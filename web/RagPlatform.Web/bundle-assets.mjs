// Copies the browser builds of the npm dependencies into wwwroot/lib, where the app serves them itself.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "wwwroot", "lib", "pdfjs");
mkdirSync(target, { recursive: true });
for (const file of ["pdf.min.mjs", "pdf.worker.min.mjs"]) {
  copyFileSync(join(here, "node_modules", "pdfjs-dist", "build", file), join(target, file));
}
console.log("pdf.js copied to " + target);
