// The one DOM helper every part of the panel uses.

/** A new element with a class and text (text, never HTML: everything shown is escaped). */
export function el(tag: string, className: string, text = ''): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}
