/**
 * Markdown of content/ rendered to HTML with raw HTML off (docs/security.md 5.2): a `<script>`
 * in a lesson shows as text. External links open safely.
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx].attrGet("href") ?? "";
  if (/^https?:\/\//.test(href)) {
    tokens[idx].attrSet("rel", "noopener noreferrer");
    tokens[idx].attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** HTML of a Markdown text from content/ (raw HTML is escaped, not rendered). */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
