// The assessment page (editor.js puts CodeMirror over the textarea and reports to it): the
// timer (against the server's deadline), the draft saved to the
// server as the candidate types (debounced, retried while offline, flushed on leaving), the
// size of each paste (an integrity signal for the team), and the answer's state polled
// while it is graded. The server re-checks the deadline on every write.
(() => {
  const head = document.querySelector("[data-take]");
  if (!head) return;
  const deadline = Date.parse(head.dataset.deadline);
  const timer = head.querySelector("[data-timer]");
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  const source = document.querySelector("[data-source]");
  const saveState = document.querySelector("[data-save-state]");
  const itemStatus = document.querySelector("[data-item-status]");

  function tick() {
    const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    const h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    timer.textContent = left ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : head.dataset.labelOver;
    if (!left && source && !source.readOnly) {
      source.readOnly = true;
      document.querySelectorAll("form[data-submit-form] button, form[data-finish] button").forEach((b) => (b.disabled = true));
    }
  }
  tick();
  setInterval(tick, 1000);

  if (!source || source.readOnly) return;
  let pasted = [];
  let timerId = null;
  let inFlight = false;
  let dirty = false;

  async function save() {
    if (inFlight) { dirty = true; return; }
    inFlight = true; dirty = false; timerId = null;
    const body = JSON.stringify({ source: source.value, pasted });
    const sent = pasted; pasted = [];
    saveState.textContent = head.dataset.labelSaving;
    try {
      const response = await fetch(head.dataset.draftUrl, {
        method: "POST", body, credentials: "same-origin", keepalive: true,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        saveState.textContent = data.error || response.statusText;
        if (response.status === 409) source.readOnly = true;
      } else {
        saveState.textContent = head.dataset.labelSaved;
      }
    } catch (error) {
      pasted = sent.concat(pasted);
      saveState.textContent = head.dataset.labelOffline;
      dirty = true;
    } finally {
      inFlight = false;
      if (dirty) schedule(2000);
    }
  }
  function schedule(delay = 800) {
    clearTimeout(timerId);
    timerId = setTimeout(save, delay);
  }
  source.addEventListener("input", () => schedule());
  source.addEventListener("paste", (event) => {
    const text = (event.clipboardData || window.clipboardData).getData("text");
    if (text) pasted.push(text.length);
  });
  source.addEventListener("paste-size", (event) => pasted.push(event.detail)); // from the editor
  source.addEventListener("keydown", (event) => {
    if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      const { selectionStart: a, selectionEnd: b } = source;
      source.setRangeText("\t", a, b, "end");
      schedule();
    }
  });
  window.addEventListener("online", () => dirty && schedule(0));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && timerId) {
      clearTimeout(timerId);
      timerId = null;
      save();
    }
  });

  async function poll() {
    const data = await fetch(head.dataset.stateUrl, { credentials: "same-origin" }).then((r) => r.json()).catch(() => null);
    if (data && data.state !== "grading") {
      const current = document.querySelector(".items-nav .current");
      if (current) current.dataset.itemState = data.state;
      if (itemStatus && data.state === "graded") itemStatus.textContent = itemStatus.dataset.labelGraded;
      return;
    }
    setTimeout(poll, 3000);
  }
  if (document.querySelector('.items-nav .current[data-item-state="grading"]')) poll();
})();
