// Leaflet (npm, frontend/package.json) for the maps' progressive enhancement: `npm run build`
// copies the files the site uses into frontend/build/leaflet, served as static/leaflet/
// (cms/settings/base.py, STATICFILES_DIRS). Nothing is loaded from another host.
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const frontend = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(frontend, "node_modules/leaflet/dist");
const target = path.join(frontend, "build/leaflet");

await mkdir(target, { recursive: true });
await cp(path.join(source, "images"), path.join(target, "images"), { recursive: true });
await cp(path.join(source, "../LICENSE"), path.join(target, "LICENSE"));
// Without the source-map comments: the maps are not served, and collectstatic's manifest
// storage would stop at a comment naming a file it does not have.
for (const name of ["leaflet.js", "leaflet.css"]) {
  const text = await readFile(path.join(source, name), "utf8");
  await writeFile(path.join(target, name), text.replace(/\n?\/[/*]# sourceMappingURL=.*$/m, ""));
}
console.log(`${path.relative(path.dirname(frontend), target)}: Leaflet copied`);
