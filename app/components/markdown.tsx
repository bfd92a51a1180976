/**
 * Shows HTML produced by renderMarkdown (markdown-it with raw HTML off) from content/
 * files, never from user input.
 */
export function MarkdownContent({ html }: { html: string }) {
  return (
    <div
      className="prose-capacitas max-w-none"
      // eslint-disable-next-line no-restricted-syntax -- trusted: rendered server-side with html:false
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
