/** A page: its element, and what to release when the person leaves it. */
export interface Page {
  element: HTMLElement;
  title: string;
  dispose?: () => void;
}

export type PageFactory = () => Page | Promise<Page>;

/** History-API routing over the client's own paths (the server answers each with index.html). */
export class Router {
  private current: Page | undefined;
  private readonly routes = new Map<string, PageFactory>();

  constructor(private readonly outlet: HTMLElement, private readonly fallback: string) {
    window.addEventListener('popstate', () => void this.render());
  }

  add(path: string, page: PageFactory): this {
    this.routes.set(path, page);
    return this;
  }

  get path(): string {
    return location.pathname;
  }

  async go(path: string, replace = false): Promise<void> {
    if (path !== location.pathname) {
      if (replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
    }
    await this.render();
  }

  async render(): Promise<void> {
    const factory = this.routes.get(location.pathname);
    if (!factory) {
      await this.go(this.fallback, true);
      return;
    }
    this.current?.dispose?.();
    const page = await factory();
    this.current = page;
    document.title = `${page.title} · SecureCall`;
    this.outlet.replaceChildren(page.element);
    // Move focus to the new page's heading so keyboard and screen-reader users land on it.
    const heading = page.element.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
}
