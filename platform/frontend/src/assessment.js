// The assessment page's editor: CodeMirror 6 with Go over the form's textarea. The textarea
// stays the source of truth for the form and for take.js (autosave, pastes): every change is
// copied into it and announced with an "input" event, a paste with a "paste-size" event.
import { basicSetup } from "codemirror";
import { go } from "@codemirror/lang-go";
import { indentWithTab } from "@codemirror/commands";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";

function attach(textarea) {
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        go(),
        EditorView.lineWrapping,
        EditorState.readOnly.of(textarea.readOnly),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          textarea.dispatchEvent(new Event("input"));
        }),
        EditorView.domEventHandlers({
          paste(event) {
            const text = event.clipboardData ? event.clipboardData.getData("text") : "";
            if (text) textarea.dispatchEvent(new CustomEvent("paste-size", { detail: text.length }));
            return false;
          },
        }),
      ],
    }),
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  // The timer turns the textarea read-only at the deadline: the editor follows.
  new MutationObserver(() => {
    if (textarea.readOnly) view.contentDOM.setAttribute("contenteditable", "false");
  }).observe(textarea, { attributes: true, attributeFilter: ["readonly"] });
  window.goconcurAssessmentEditor = view;
}

document.querySelectorAll("textarea[data-source]").forEach(attach);
