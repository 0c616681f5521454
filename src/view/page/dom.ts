/**
 * The page's only way to make elements. Text is always a text node and attributes come from a
 * fixed, non-event list: no model text can become markup, a handler or a link.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type SafeAttribute = 'class' | 'title' | 'id' | 'colspan' | 'role' | 'type' | 'value' | 'placeholder' | 'for' | 'name' | 'open' | 'selected' | 'checked' | 'disabled' | `data-${string}` | `aria-${string}`;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Partial<Record<SafeAttribute, string | number | boolean | null | undefined>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child as readonly Child[]);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(visible(String(child))));
  }
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A click handler on a button the page made itself (never on model text). */
export function button(label: string, onClick: (event: MouseEvent) => void, attrs: Parameters<typeof el>[1] = {}): HTMLButtonElement {
  const node = el('button', { type: 'button', ...attrs }, label);
  node.addEventListener('click', onClick);
  return node;
}

// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Controls and bidi overrides shown as `⟨U+202E⟩`: they can neither reorder what a reader sees
 * nor hide text. Line breaks and tabs stay (replies are multi-line).
 */
export function visible(text: string): string {
  return text.replace(HIDDEN, (ch) => `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
