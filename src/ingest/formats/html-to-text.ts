// Converts HTML (a page or a feed item's content) into text paragraphs, one per block element, using linkedom.
import { parseHTML } from "linkedom";
import { splitParagraphs } from "./body-normalise";

/** The few DOM members the parsers use; the project compiles without the DOM lib, so they are declared here. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  innerHTML: string;
}

export interface DomDocument extends DomElement {
  documentElement: DomElement;
  body: DomElement | null;
  title: string;
}

const BLOCKS = new Set([
  "P",
  "DIV",
  "LI",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "BLOCKQUOTE",
  "PRE",
  "SECTION",
  "ARTICLE",
  "TD",
  "TH",
  "TR",
  "UL",
  "OL",
  "DL",
  "DT",
  "DD",
  "TABLE",
  "MAIN",
  "HEADER",
  "FOOTER",
  "ADDRESS",
  "HR",
  "BR",
]);
/** Elements whose text is never article text. */
const SKIP = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "IFRAME",
  "SVG",
  "FIGURE",
  "FIGCAPTION",
  "NAV",
  "ASIDE",
  "FORM",
  "BUTTON",
  "TEMPLATE",
  "SELECT",
  "TEXTAREA",
  "OBJECT",
  "VIDEO",
  "AUDIO",
  "CANVAS",
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function parseDocument(html: string): DomDocument {
  const window = parseHTML(html) as unknown as { document: DomDocument };
  return window.document;
}

/** Text paragraphs of a DOM subtree: block elements end paragraphs, inline text is joined. */
export function nodeParagraphs(root: DomNode): string[] {
  const blocks: string[] = [];
  let buffer = "";
  const flush = (): void => {
    if (buffer.trim()) blocks.push(buffer);
    buffer = "";
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT_NODE) {
      buffer += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const block = BLOCKS.has(name);
    if (block) flush();
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) walk(children[i] as DomNode);
    if (block) flush();
  };
  walk(root);
  flush();
  return splitParagraphs(blocks.join("\n\n"));
}

/** Paragraphs of an HTML fragment; plain text without tags is split on blank lines. */
export function htmlToParagraphs(html: string): string[] {
  if (!/<[a-z!/][^>]*>/i.test(html) && !/&[a-z#0-9]+;/i.test(html)) return splitParagraphs(html);
  const document = parseDocument(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return nodeParagraphs(document.body ?? document);
}
