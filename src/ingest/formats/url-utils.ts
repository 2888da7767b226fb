// Small URL helpers for parsers: the outlet domain of a link.

/** "https://www.example.co.uk/news/1" → "example.co.uk"; null when the text is not an absolute URL. */
export function domainOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.replace(/^www\d?\./, "") || null;
  } catch {
    return null;
  }
}

/** Resolves a possibly relative link against a base; null when neither makes an absolute http(s) URL. */
export function absoluteUrl(link: string | null | undefined, base?: string | null): string | null {
  if (!link) return null;
  try {
    const resolved = base ? new URL(link, base) : new URL(link);
    return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.toString() : null;
  } catch {
    return null;
  }
}
