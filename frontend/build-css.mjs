// Det Fælles Designsystem's stylesheet with only the rules the site uses: `npm run build`
// (run by `make install`) writes frontend/build/css/dkfds.min.css, which the pages load as
// static/dkfds/css/dkfds.min.css (cms/settings/base.py, STATICFILES_DIRS).
//
// PurgeCSS keeps the rules whose classes, ids, elements and attributes occur in the site's
// templates and in the Python that writes HTML; the site has no JavaScript of its own, so no
// class appears only at run time. Rich text from the database (Wagtail's editor) is not in
// those files: its elements are safelisted from the editor's features (RICH_TEXT_FEATURES).
// The web fonts are rewritten below.
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import postcss from "postcss";
import { PurgeCSS } from "purgecss";

const frontend = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(frontend);
const source = path.join(frontend, "node_modules/dkfds/dist/css/dkfds.min.css");
const output = path.join(frontend, "build/css/dkfds.min.css");

// Every app's templates (and the project's templates/), and the Python that writes HTML or
// names classes (template tags, blocks, forms, views); not the tests, migrations or packages.
const content = [
  "*/templates/**/*.html",
  "templates/**/*.html",
  "*/**/*.py",
].map((pattern) => path.join(root, pattern).replaceAll(path.sep, "/"));
const skipContent = ["**/node_modules/**", "**/.venv/**", "**/tests/**", "**/migrations/**", "static/**"]
  .map((pattern) => (pattern.startsWith("**") ? pattern : path.join(root, pattern).replaceAll(path.sep, "/")));

// What Wagtail's rich text (RICH_TEXT_FEATURES: bold, italic, link, ol, ul, document-link,
// h2, h3) writes into a page, whether or not a template names it.
const richText = ["p", "a", "b", "i", "strong", "em", "ol", "ul", "li", "h2", "h3", "br"];

const [result] = await new PurgeCSS().purge({
  content,
  skippedContentGlobs: skipContent,
  css: [{ raw: await readFile(source, "utf8") }],
  safelist: { standard: [...richText, "html", "body"] },
  fontFace: true,
  keyframes: true,
  variables: false,
});

// IBM Plex Sans. The package's rules name the complete fonts (every script, about 60 KB each)
// and list eot and woff before woff2, so browsers fetch the larger woff. Each face becomes two:
// the complete font in woff2 (woff for old browsers) for any character, then the package's
// Latin-1 subset (about 17 KB) limited by `unicode-range` to the characters it holds (read from
// its own cmap), which the browser prefers for those: Danish and English text needs only it.
// `font-display: optional` instead of `swap`: a font that is not there when the text is first
// laid out is not used on that page view, so text never moves when a font arrives;
// templates/base.html preloads the subsets of the weights above the fold, which are in time.
const fontFolder = path.join(frontend, "node_modules/dkfds/dist/fonts/IBMPlexSans");

function codePoints(woff) {
  // The code points a WOFF 1.0 font maps to glyphs: its cmap (format 4 or 12), inflated.
  const tables = new Map();
  for (let i = 0; i < woff.readUInt16BE(12); i++) {
    const entry = 44 + i * 20;
    const [offset, compressed, original] = [4, 8, 12].map((at) => woff.readUInt32BE(entry + at));
    const data = woff.subarray(offset, offset + compressed);
    tables.set(woff.toString("latin1", entry, entry + 4), compressed < original ? inflateSync(data) : data);
  }
  const cmap = tables.get("cmap");
  const subtables = [];
  for (let i = 0; i < cmap.readUInt16BE(2); i++) {
    const record = 4 + i * 8;
    const offset = cmap.readUInt32BE(record + 4);
    subtables.push({ platform: cmap.readUInt16BE(record), format: cmap.readUInt16BE(offset), offset });
  }
  const points = new Set();
  const full = subtables.find((t) => t.format === 12);
  if (full) {
    const groups = cmap.readUInt32BE(full.offset + 12);
    for (let g = 0; g < groups; g++) {
      const at = full.offset + 16 + g * 12;
      for (let c = cmap.readUInt32BE(at); c <= cmap.readUInt32BE(at + 4); c++) points.add(c);
    }
    return points;
  }
  const t = subtables.find((s) => s.format === 4 && s.platform === 3) ?? subtables.find((s) => s.format === 4);
  const segments = cmap.readUInt16BE(t.offset + 6) / 2;
  const ends = t.offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = cmap.readUInt16BE(ends + s * 2);
    const start = cmap.readUInt16BE(starts + s * 2);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      const glyph = rangeOffset === 0
        ? c // idDelta only: every code of the segment has a glyph (0 only by a wrap-around)
        : cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
      if (glyph !== 0 || (rangeOffset === 0 && (c + cmap.readInt16BE(deltas + s * 2)) % 65536 !== 0)) {
        points.add(c);
      }
    }
  }
  return points;
}

function unicodeRange(points) {
  const sorted = [...points].sort((a, b) => a - b);
  const ranges = [];
  for (const c of sorted) {
    const last = ranges.at(-1);
    if (last && last[1] === c - 1) last[1] = c;
    else ranges.push([c, c]);
  }
  const hex = (c) => c.toString(16).toUpperCase().padStart(4, "0");
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(",");
}

const fonts = {
  postcssPlugin: "dkfds-fonts",
  AtRule: {
    "font-face": (rule) => {
      const family = rule.nodes.find((node) => node.prop === "font-family");
      const src = rule.nodes.find((node) => node.prop === "src");
      // Each face once (the visitor sees the rewritten and the added rules again).
      const done = rule.nodes.some((node) => node.prop === "font-display" && node.value === "optional");
      if (!family?.value.includes("IBM Plex Sans") || done) return;
      const name = src.value.match(/woff2\/(IBMPlexSans-[A-Za-z]+)\.woff2/)[1];
      src.value =
        `url(../fonts/IBMPlexSans/complete/woff2/${name}.woff2) format("woff2"),` +
        `url(../fonts/IBMPlexSans/complete/woff/${name}.woff) format("woff")`;
      rule.nodes.filter((node) => node.prop === "font-display").forEach((node) => node.remove());
      rule.append({ prop: "font-display", value: "optional" });
      const latin1 = rule.clone();
      latin1.nodes.find((node) => node.prop === "src").value =
        `url(../fonts/IBMPlexSans/split/woff2/${name}-Latin1.woff2) format("woff2"),` +
        `url(../fonts/IBMPlexSans/split/woff/${name}-Latin1.woff) format("woff")`;
      const points = codePoints(readFileSync(path.join(fontFolder, `split/woff/${name}-Latin1.woff`)));
      latin1.append({ prop: "unicode-range", value: unicodeRange(points) });
      rule.after(latin1);
    },
  },
};
const processed = await postcss([fonts]).process(result.css, { from: source, to: output });
const css = processed.css.replace(/\/\*# sourceMappingURL=.*?\*\//g, "").trim();

await mkdir(path.dirname(output), { recursive: true });
await writeFile(
  output,
  `/* Det Fælles Designsystem ${JSON.parse(await readFile(path.join(frontend, "node_modules/dkfds/package.json"))).version}` +
    ` (MIT), the rules this site uses: built by frontend/build-css.mjs, do not edit. */\n${css}\n`,
);
const before = (await readFile(source)).length;
console.log(`${path.relative(root, output)}: ${css.length} bytes (from ${before})`);
