// <rp-query-completion for="query">: completion for a query field, as a list under it.
// The caret's word is sent to the server, which answers with what can replace it. The keyboard
// works as in any combo box: arrows move, Enter or Tab takes the proposal, Escape closes the list.
// The focus stays in the field all along; the list is announced through aria-activedescendant.

interface Suggestion {
  value: string;
  label: string;
  detail: string;
  from: number;
  to: number;
}

interface Server {
  complete(text: string, caret: number): Promise<Suggestion[]>;
}

class RpQueryCompletion extends HTMLElement {
  declare $server: Server;
  private input?: HTMLInputElement;
  private readonly list = document.createElement('ul');
  private items: Suggestion[] = [];
  private active = -1;
  private timer?: number;
  private asked = 0;

  connectedCallback() {
    this.style.display = 'contents'; // no box of its own: the list floats under the field
    this.list.id = `${this.getAttribute('for')}-completion`;
    this.list.className = 'rp-completion';
    this.list.setAttribute('role', 'listbox');
    this.list.hidden = true;
    this.appendChild(this.list);
    this.attach(0);
  }

  /** The field may render after this element: look for its input a few times. */
  private attach(tries: number) {
    const field = document.getElementById(this.getAttribute('for') ?? '');
    const input = field?.querySelector('input');
    if (!input) {
      if (tries < 50) {
        setTimeout(() => this.attach(tries + 1), 100);
      }
      return;
    }
    this.input = input;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('aria-expanded', 'false');
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', (e) => this.onKey(e), true);
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    window.addEventListener('scroll', () => this.close(), true);
  }

  private schedule() {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.ask(), 120);
  }

  private async ask() {
    const input = this.input;
    if (!input) {
      return;
    }
    const mine = ++this.asked;
    const caret = input.selectionStart ?? input.value.length;
    const found = await this.$server.complete(input.value, caret);
    if (mine !== this.asked || document.activeElement !== input && !input.matches(':focus')) {
      return; // a newer question is on its way, or the user has left the field
    }
    this.show(found ?? []);
  }

  private show(items: Suggestion[]) {
    this.items = items;
    this.active = -1;
    this.list.replaceChildren(...items.map((s, i) => {
      const li = document.createElement('li');
      li.id = `${this.list.id}-${i}`;
      li.setAttribute('role', 'option');
      li.className = 'rp-completion-item';
      const label = document.createElement('code');
      label.textContent = s.label;
      const detail = document.createElement('span');
      detail.className = 'rp-completion-detail';
      detail.textContent = s.detail ?? '';
      li.append(label, detail);
      // mousedown, not click: the field keeps the focus
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.take(i);
      });
      return li;
    }));
    if (items.length === 0) {
      this.close();
      return;
    }
    const box = this.input!.getBoundingClientRect();
    this.list.style.left = `${box.left}px`;
    this.list.style.top = `${box.bottom + 4}px`;
    this.list.style.minWidth = `${box.width}px`;
    this.list.hidden = false;
    this.input!.setAttribute('aria-expanded', 'true');
  }

  private close() {
    this.list.hidden = true;
    this.items = [];
    this.active = -1;
    this.input?.setAttribute('aria-expanded', 'false');
    this.input?.removeAttribute('aria-activedescendant');
  }

  private onKey(e: KeyboardEvent) {
    const open = !this.list.hidden && this.items.length > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) {
        if (e.key === 'ArrowDown') {
          this.ask();
        }
        return;
      }
      const n = this.items.length;
      this.move(e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active - 1 + n) % n);
    } else if ((e.key === 'Enter' || e.key === 'Tab') && open && this.active >= 0) {
      this.take(this.active);
    } else if (e.key === 'Escape' && open) {
      this.close();
    } else {
      return;
    }
    // handled here: not by the field (Escape would clear it, Enter would search)
    e.preventDefault();
    e.stopPropagation();
  }

  private move(to: number) {
    this.active = to;
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === to)));
    const li = this.list.children[to] as HTMLElement;
    this.input?.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  /** Puts the proposal in place of the word it completes and tells the field (and the server). */
  private take(i: number) {
    const s = this.items[i];
    const input = this.input!;
    input.value = input.value.slice(0, s.from) + s.value + input.value.slice(s.to);
    const caret = s.from + s.value.length;
    input.setSelectionRange(caret, caret);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    this.close();
    if (s.value.endsWith(':')) {
      this.ask(); // a field name: its values come next
    }
  }
}

customElements.define('rp-query-completion', RpQueryCompletion);
