// The practice page: a CodeMirror 6 Go editor (Ctrl/Cmd-Enter runs), Run and Submit
// through fetch, live stages over a WebSocket (progress.js), and the
// result's findings drawn on the candidate's own lines.
import { basicSetup } from "codemirror";
import { go } from "@codemirror/lang-go";
import { indentWithTab } from "@codemirror/commands";
import { EditorState, StateEffect, StateField, RangeSetBuilder } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, keymap } from "@codemirror/view";
import { followGrading } from "./progress.js";

const setMarks = StateEffect.define();

class MessageWidget extends WidgetType {
  constructor(marks) {
    super();
    this.marks = marks;
  }
  eq(other) {
    return JSON.stringify(other.marks) === JSON.stringify(this.marks);
  }
  toDOM() {
    const box = document.createElement("div");
    box.className = "cm-finding-messages";
    for (const mark of this.marks) {
      const row = document.createElement("div");
      row.className = `cm-finding-message finding-${mark.kind}`;
      const tag = document.createElement("span");
      tag.className = "finding-kind";
      tag.textContent = mark.label || mark.kind;
      row.append(tag, " ", mark.message);
      if (mark.count > 1) {
        const count = document.createElement("span");
        count.className = "count";
        count.textContent = ` ×${mark.count}`;
        row.append(count);
      }
      box.append(row);
    }
    return box;
  }
}

function buildDecorations(doc, marks) {
  const byLine = new Map();
  for (const mark of marks) {
    if (mark.line >= 1 && mark.line <= doc.lines) {
      if (!byLine.has(mark.line)) byLine.set(mark.line, []);
      byLine.get(mark.line).push(mark);
    }
  }
  const builder = new RangeSetBuilder();
  for (const number of [...byLine.keys()].sort((a, b) => a - b)) {
    const line = doc.line(number);
    const list = byLine.get(number);
    const kinds = [...new Set(list.map((m) => `cm-finding-${m.kind}`))].join(" ");
    builder.add(line.from, line.from, Decoration.line({
      class: `cm-finding ${kinds}`,
      attributes: { title: list.map((m) => m.message).join("\n"), "data-finding-line": String(number) },
    }));
    builder.add(line.to, line.to, Decoration.widget({ widget: new MessageWidget(list), block: true, side: 1 }));
  }
  return builder.finish();
}

const marksField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setMarks)) return buildDecorations(tr.state.doc, effect.value);
    }
    // Marks belong to the code that was graded: editing drops them.
    return tr.docChanged ? Decoration.none : value;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// A finding's "solution.go:58" brings line 58 into view and puts the cursor there: in the
// editor on the problem page (which scrolls inside itself), in the code view elsewhere.
function goToLine(number) {
  const view = window.goconcurEditor;
  if (view) {
    if (!(number >= 1 && number <= view.state.doc.lines)) return false;
    const line = view.state.doc.line(number);
    // CodeMirror scrolls its own box only; the page must bring the editor (at most 75vh
    // tall, so it fits) into view first.
    view.dom.scrollIntoView({ block: "nearest" });
    view.dispatch({
      selection: { anchor: line.from },
      effects: EditorView.scrollIntoView(line.from, { y: "center" }),
    });
    view.focus();
    return true;
  }
  const row = document.getElementById(`L${number}`);
  if (!row) return false;
  row.scrollIntoView({ block: "center" });
  row.focus();
  return true;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-goto-line]");
  if (link && goToLine(Number(link.dataset.gotoLine))) event.preventDefault();
});

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function mount(root) {
  const form = root.querySelector("form[data-submit-form]");
  const textarea = form.querySelector("textarea[name=source]");
  const resultBox = root.querySelector("[data-result]");
  const errorBox = root.querySelector("[data-error]");
  const panel = root.querySelector("[data-progress]");
  const buttons = [...form.querySelectorAll("button[name=mode]")];
  let busy = false;

  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        keymap.of([
          { key: "Mod-Enter", preventDefault: true, run: () => { send("run"); return true; } },
          indentWithTab,
        ]),
        basicSetup,
        go(),
        marksField,
        EditorView.lineWrapping,
        // Named for screen readers, and a tab stop axe can see inside the scrolling box.
        EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") || "solution.go", tabindex: "0" }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  window.goconcurEditor = view;

  async function send(mode) {
    if (busy) return;
    busy = true;
    buttons.forEach((b) => (b.disabled = true));
    errorBox.hidden = true;
    resultBox.innerHTML = "";
    view.dispatch({ effects: setMarks.of([]) });
    textarea.value = view.state.doc.toString();
    const body = new FormData(form);
    body.set("mode", mode);
    try {
      const response = await fetch(form.action, {
        method: "POST", body, credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(data.error || response.statusText);
      const state = await followGrading(panel, data);
      resultBox.innerHTML = state.html;
      view.dispatch({ effects: setMarks.of(state.marks || []) });
    } catch (error) {
      errorBox.textContent = error.message;
      errorBox.hidden = false;
    } finally {
      busy = false;
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(event.submitter ? event.submitter.value : "run");
  });
  const initial = root.querySelector("script[data-initial-marks]");
  if (initial) view.dispatch({ effects: setMarks.of(JSON.parse(initial.textContent)) });
}

document.querySelectorAll("[data-practice]").forEach(mount);
