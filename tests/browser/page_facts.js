// What tests/browser/crawl.py checks on a page, read in one pass: its links, every address it
// names, SVG attributes that must be numbers, its text blocks with their language, its width,
// the words it splits over two lines.
(numberAttributes) => {
  // A link marked `download` (a meeting's calendar invitation) is a file, not a page to open.
  const links = [...document.querySelectorAll("a[href]:not([download])")].map((a) => a.href);

  const addresses = [];
  for (const element of document.querySelectorAll("[href], [src], [action], [srcset]")) {
    for (const name of ["href", "src", "action"]) {
      if (element.hasAttribute(name)) addresses.push(element[name] || element.getAttribute(name));
    }
    for (const candidate of (element.getAttribute("srcset") || "").split(",")) {
      if (candidate.trim()) addresses.push(new URL(candidate.trim().split(" ")[0], location).href);
    }
  }
  for (const meta of document.querySelectorAll("meta[content]")) {
    if (/^https?:/.test(meta.content)) addresses.push(meta.content);
  }

  const number = /^-?(\d+\.?\d*|\.\d+)(e-?\d+)?(px|%|em)?$/;
  const svgNumbers = [];
  for (const element of document.querySelectorAll("svg, svg *")) {
    for (const name of numberAttributes) {
      const value = element.getAttribute(name);
      if (value !== null && !number.test(value.trim())) {
        svgNumbers.push(`<${element.tagName} ${name}="${value}">`);
      }
    }
    const box = element.getAttribute("viewBox");
    if (box !== null && !box.trim().split(/[\s,]+/).every((part) => number.test(part))) {
      svgNumbers.push(`<${element.tagName} viewBox="${box}">`);
    }
  }

  // Words split over two lines where they would fit on one: a long Danish compound in a
  // column too narrow for it. A word wider than the page's column (the title's width) must
  // break somewhere, and a reader's browser hyphenates it (CSS `hyphens`); a long address may
  // break anywhere (overflow-wrap: anywhere); text hidden for screen readers is one pixel wide.
  const column = (document.querySelector("h1") || document.body).clientWidth;
  const range = document.createRange();
  const splitWordsIn = (node) => {
    const parent = node.parentElement;
    if (parent.closest(".sr-only") || getComputedStyle(parent).overflowWrap === "anywhere") {
      return [];
    }
    const split = [];
    // What a line may not end inside: a run of characters without a space, hyphen or soft
    // hyphen (a line may end after one of those).
    for (const match of node.textContent.matchAll(/[^\s\-\u00ad\u2010-\u2014]{2,}/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = [...range.getClientRects()];
      const lines = new Set(rects.map((rect) => Math.round(rect.bottom)));
      const width = rects.reduce((sum, rect) => sum + rect.width, 0);
      if (lines.size > 1 && width <= column) {
        split.push(`'${match[0]}' in <${parent.tagName.toLowerCase()}>`);
      }
    }
    return split;
  };

  // Text as blocks a reader meets (a paragraph, a list item, a link), with the language the
  // page declares for it; and its split words, in the same walk over the page's text.
  const blocks = new Set();
  const splitWords = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const blockSelector =
    "p, li, h1, h2, h3, h4, h5, h6, td, th, dd, dt, figcaption, blockquote, label, legend, a, " +
    "button, summary, caption";
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && walker.currentNode.textContent.trim() && !parent.closest("script, style")) {
      blocks.add(parent.closest(blockSelector) || parent);
      splitWords.push(...splitWordsIn(walker.currentNode));
    }
  }
  const texts = [...blocks].map((block) => ({
    text: block.textContent.replace(/\s+/g, " ").trim().slice(0, 300),
    lang: block.closest("[lang]").lang,
    alt: false,
  }));
  for (const image of document.querySelectorAll("img[alt]")) {
    texts.push({ text: image.alt, lang: image.closest("[lang]").lang, alt: true });
  }

  const tooWide = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > innerWidth + 1)
    .slice(0, 3)
    .map((element) => `${element.tagName}.${element.className}`);

  return {
    links,
    addresses,
    svgNumbers,
    texts,
    tooWide,
    splitWords: splitWords.slice(0, 3),
    scrollWidth: document.documentElement.scrollWidth,
  };
};
