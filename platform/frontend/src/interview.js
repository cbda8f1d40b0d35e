// Interview pages: the shared editor (Yjs + y-codemirror.next over y-websocket, talking to
// pycrdt-websocket's Channels consumer), session events, runs, the interviewer's panel,
// and the replay player.
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import { basicSetup } from "codemirror";
import { go } from "@codemirror/lang-go";
import { indentWithTab } from "@codemirror/commands";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"];
const wsBase = () => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;

function post(url, csrf, body, json = false) {
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: json
      ? { "X-CSRFToken": csrf, "Content-Type": "application/json" }
      : { "X-CSRFToken": csrf },
    body: json ? JSON.stringify(body) : body,
  });
}

function openEvents(url, onMessage, onState) {
  let socket;
  let delay = 500;
  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => { delay = 500; onState && onState(true); };
    socket.onmessage = (e) => onMessage(JSON.parse(e.data));
    socket.onclose = (e) => {
      onState && onState(false);
      if (e.code !== 4403) setTimeout(connect, (delay = Math.min(delay * 2, 8000)));
    };
  };
  connect();
}

function describe(msg) {
  if (msg.event === "run") return `${msg.who} · ${msg.mode} · ${msg.status}`;
  let text = `${msg.verdict} (${msg.passed}/${msg.total})`;
  if (msg.message) text += ` — ${msg.message}`;
  return text;
}

function startSession(root) {
  const d = root.dataset;
  const isInterviewer = d.role === "interviewer";
  const open = d.open === "1";
  const ydoc = new Y.Doc();
  // resyncInterval: a sync request every 5 s reaches the room, so an update a busy server
  // dropped (a full or expired channel) is sent again by whoever has it.
  const provider = new WebsocketProvider(`${wsBase()}/ws/interviews/${d.session}/doc`, d.item, ydoc, {
    resyncInterval: 5000,
  });
  const ytext = ydoc.getText("code");
  const color = COLORS[Math.floor(Math.random() * COLORS.length)];
  provider.awareness.setLocalStateField("user", { name: d.name, color, colorLight: `${color}33` });
  const undoManager = new Y.UndoManager(ytext);
  const editable = new Compartment();
  const canEdit = (locked) => open && (isInterviewer || !locked);
  const view = new EditorView({
    parent: root.querySelector("#editor"),
    state: EditorState.create({
      doc: ytext.toString(),
      extensions: [
        basicSetup,
        go(),
        keymap.of([...yUndoManagerKeymap, indentWithTab]),
        yCollab(ytext, provider.awareness, { undoManager }),
        editable.of(EditorState.readOnly.of(!canEdit(d.locked === "1"))),
      ],
    }),
  });
  window.goconcurInterview = { ydoc, provider, view, ytext };
  const connection = root.querySelector("#connection");
  provider.on("status", ({ status }) => {
    connection.textContent = connection.dataset[status] || status;
    connection.dataset.status = status;
  });
  // Synced: the server's copy and ours were exchanged (after every reconnect too).
  provider.on("sync", (synced) => {
    if (synced) connection.dataset.synced = "1";
    else delete connection.dataset.synced;
  });

  const runButtons = [...root.querySelectorAll(".run-bar button[data-mode]")];
  const hasTests = runButtons.some((b) => !b.disabled);
  const setRunnable = (yes) => { for (const b of runButtons) b.disabled = !(yes && hasTests); };
  setRunnable(open && (isInterviewer || d.runsDisabled !== "1"));
  const runs = root.querySelector("#runs");
  const runMessage = root.querySelector("#run-message");
  const showRun = (list, msg, text) => {
    let row = list.querySelector(`[data-run="${msg.run}"]`);
    if (!row) {
      row = document.createElement("li");
      row.dataset.run = msg.run;
      list.prepend(row);
    }
    row.textContent = text;
    if (msg.verdict) row.dataset.verdict = msg.verdict;
  };
  let leaving = false; // a form of this page is navigating away (End): no reload then
  root.addEventListener("submit", (e) => { if (!e.defaultPrevented) leaving = true; });
  openEvents(`${wsBase()}/ws/interviews/${d.session}/events/`, (msg) => {
    if (msg.event === "state") {
      const moved = String(msg.current) !== d.item || (msg.status === "ended" && open);
      if (moved && !leaving) location.reload();
      view.dispatch({ effects: editable.reconfigure(EditorState.readOnly.of(!canEdit(msg.editor_locked))) });
      setRunnable(msg.status === "open" && (isInterviewer || !msg.runs_disabled));
    } else if (msg.event === "run" || msg.event === "result") {
      showRun(runs, msg, describe(msg));
    }
  });

  for (const button of root.querySelectorAll(".run-bar button[data-mode]")) {
    button.addEventListener("click", async () => {
      const form = new FormData();
      form.append("mode", button.dataset.mode);
      for (const box of root.querySelectorAll(".switches input:checked")) {
        form.append(box.name, "on");
        box.checked = false; // a fault switch is for one run
      }
      const response = await post(d.runUrl, d.csrf, form);
      const body = await response.json();
      runMessage.textContent = response.ok ? "" : body.error;
    });
  }

  if (!isInterviewer) return;
  openEvents(`${wsBase()}/ws/interviews/${d.session}/panel/`, (msg) => {
    if (msg.event === "result") {
      const r = msg.result || {};
      const tests = (r.tests || []).map((t) => `${t.name}: ${t.status}`).join(", ");
      showRun(root.querySelector("#panel-results"), msg, `${r.verdict} — ${r.message || ""} [${tests}]`);
    }
  });
  const control = (name, value) => {
    const form = new FormData();
    form.append(name, value);
    return post(d.controlUrl, d.csrf, form);
  };
  root.querySelector("#switch-item")?.addEventListener("change", (e) => control("current", e.target.value));
  root.querySelector("#lock-editor")?.addEventListener("change", (e) => control("editor_locked", e.target.checked ? "1" : "0"));
  root.querySelector("#disable-runs")?.addEventListener("change", (e) => control("runs_disabled", e.target.checked ? "1" : "0"));

  const saved = root.querySelector("#notes-saved");
  let timer;
  const save = (body) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const response = await post(d.evaluationUrl, d.csrf, body, true);
      saved.textContent = response.ok ? "✓" : "!";
      saved.dataset.saved = response.ok ? "1" : "0";
    }, 400);
  };
  const rubric = () => {
    const out = {};
    for (const row of root.querySelectorAll(".rubric tr[data-skill]")) {
      out[row.dataset.skill] = {
        rating: row.querySelector("select").value,
        comment: row.querySelector("input").value,
      };
    }
    return out;
  };
  const notes = root.querySelector("#notes");
  notes?.addEventListener("input", () => { saved.textContent = "…"; saved.dataset.saved = "0"; save({ notes: notes.value }); });
  for (const field of root.querySelectorAll(".rubric select, .rubric input, #recommendation")) {
    field.addEventListener("change", () =>
      save({ rubric: rubric(), recommendation: root.querySelector("#recommendation").value, notes: notes.value }));
  }
}

const IDLE = 2; // seconds: longer gaps are played as this

function startReplay(root) {
  const code = root.querySelector("#replay-code");
  const scrubber = root.querySelector("#replay-scrubber");
  const clock = root.querySelector("#replay-clock");
  const who = root.querySelector("#replay-who");
  const paste = root.querySelector("#replay-paste");
  const runList = root.querySelector("#replay-runs");
  const itemSelect = root.querySelector("#replay-item");
  let data;
  let frames = [];
  let playing = null;
  const show = (i) => {
    const frame = frames[i];
    if (!frame) return;
    scrubber.value = i;
    code.textContent = frame.text;
    who.textContent = frame.who;
    paste.hidden = !frame.paste;
    clock.textContent = `${Math.floor(frame.at / 60)}:${String(Math.floor(frame.at % 60)).padStart(2, "0")}`;
    runList.replaceChildren();
    for (const run of data.runs.filter((r) => String(r.item) === itemSelect.value && r.at <= frame.at)) {
      const li = document.createElement("li");
      const done = run.done_at !== null && run.done_at <= frame.at;
      li.textContent = `${run.who} · ${run.mode} · ${done ? `${run.verdict} (${run.passed}/${run.total}) ${run.full_message}` : "…"}`;
      runList.append(li);
    }
  };
  const load = () => {
    // The scrubber walks edits, runs and results in time order: a run's moment shows the
    // code as it was then, and its result appears where it came back.
    const edits = data.items.find((it) => String(it.id) === itemSelect.value)?.frames || [];
    const marks = [];
    for (const run of data.runs.filter((r) => String(r.item) === itemSelect.value)) {
      marks.push({ at: run.at, run: true });
      if (run.done_at !== null) marks.push({ at: run.done_at, run: true });
    }
    frames = [];
    let last = edits[0];
    const all = [...edits.map((f) => ({ ...f, edit: true })), ...marks].sort((a, b) => a.at - b.at);
    for (const f of all) {
      if (f.edit) last = f;
      frames.push(f.edit ? f : { ...last, at: f.at, paste: false, who: "" });
    }
    scrubber.max = Math.max(frames.length - 1, 0);
    show(0);
  };
  const stop = () => { clearTimeout(playing); playing = null; root.querySelector("#replay-play").textContent = "▶"; };
  const step = () => {
    const i = Number(scrubber.value);
    if (i >= frames.length - 1) return stop();
    const gap = Math.min(frames[i + 1].at - frames[i].at, IDLE); // idle stretches skipped
    const speed = Number(root.querySelector("#replay-speed").value);
    playing = setTimeout(() => { show(i + 1); step(); }, (gap * 1000) / speed);
  };
  root.querySelector("#replay-play").addEventListener("click", (e) => {
    if (playing) return stop();
    e.target.textContent = "❚❚";
    if (Number(scrubber.value) >= frames.length - 1) show(0);
    step();
  });
  scrubber.addEventListener("input", () => show(Number(scrubber.value)));
  itemSelect.addEventListener("change", load);
  fetch(root.dataset.url, { credentials: "same-origin" }).then((r) => r.json()).then((json) => {
    data = json;
    for (const item of data.items) itemSelect.append(new Option(item.title, item.id));
    load();
  });
}

const session = document.getElementById("interview");
if (session) startSession(session);
const replay = document.getElementById("replay");
if (replay) startReplay(replay);
