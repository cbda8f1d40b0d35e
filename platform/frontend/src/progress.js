// Live grading progress: the steps as the grader reports them over the progress socket,
// a clock with the time budget, and at the end which steps were skipped and why (from the
// server's account of the finished grading). The socket stays open for the whole grading
// and carries a tick every few seconds; polling is only the fallback while it is down.

const LONG_STAGES = new Set(["testing", "race", "exploring"]); // where a hang shows as silence
const POLL_MS = 3000;
const RECONNECTS = 5;

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
}

function seconds(value) {
  return value >= 10 ? String(Math.round(value)) : value.toFixed(1);
}

export function followGrading(panel, data) {
  const steps = [...panel.querySelectorAll("[data-step]")];
  const clock = panel.querySelector("[data-clock]");
  const text = panel.dataset;
  const state = {
    stage: "queued", step: 0, startedAt: Date.now(), stageAt: Date.now(),
    budget: {}, alive: true,
  };

  panel.hidden = false;
  clock.className = "grading-clock";
  for (const li of steps) {
    li.className = "";
    li.querySelector(".why")?.remove();
  }

  function setStage(stage) {
    const index = steps.findIndex((li) => li.dataset.stage.split(" ").includes(stage));
    // An unknown stage, or an older event arriving late (a retry starts over, though).
    if (index < 0 || (index < state.step && stage !== "retrying")) return;
    if (stage !== state.stage) state.stageAt = Date.now();
    state.stage = stage;
    state.step = index;
    steps.forEach((li, i) => {
      li.classList.toggle("done", i < index);
      li.classList.toggle("active", i === index && stage !== "done");
    });
  }

  function render() {
    const elapsed = (Date.now() - state.startedAt) / 1000;
    const parts = [fill(text.textElapsed, { elapsed: seconds(elapsed) })];
    if (state.budget.expected) parts.push(fill(text.textExpected, { expected: seconds(state.budget.expected) }));
    const timeout = state.budget.test_timeout;
    const inStage = (Date.now() - state.stageAt) / 1000;
    let late = false;
    if (LONG_STAGES.has(state.stage) && timeout) {
      late = inStage > timeout / 2;
      parts.push(late
        ? fill(text.textLate, { seconds: Math.round(inStage), timeout: seconds(timeout) })
        : fill(text.textTimeout, { timeout: seconds(timeout) }));
    }
    if (state.stage === "retrying") parts.push(text.textRetrying);
    if (!state.alive) parts.push(text.textDead);
    clock.textContent = parts.join(" · ");
    clock.classList.toggle("late", late || !state.alive);
  }

  function markSkipped(report) {
    for (const entry of report || []) {
      const li = steps.find((el) => el.dataset.step === entry.step);
      if (!li) continue;
      li.classList.toggle("done", entry.ran);
      li.classList.toggle("skipped", !entry.ran);
      li.classList.remove("active");
      if (!entry.ran) {
        const why = document.createElement("span");
        why.className = "why";
        why.textContent = `(${text.textSkipped}${entry.why ? `: ${entry.why}` : ""})`;
        li.append(why);
        li.dataset.skipped = entry.reason;
      }
    }
  }

  return new Promise((resolve) => {
    let finished = false;
    let socket = null;
    let reconnects = 0;
    let poller = null;
    const timer = setInterval(render, 1000);
    render();

    const finish = async () => {
      if (finished) return;
      let result;
      try {
        result = await fetch(data.poll, { credentials: "same-origin" }).then((r) => r.json());
      } catch (error) {
        polling(true); // the result is there; reading it failed: ask again shortly
        return;
      }
      if (result.status !== "done" || finished) return;
      finished = true;
      clearInterval(timer);
      clearInterval(poller);
      if (socket) socket.close();
      setStage("done");
      steps.forEach((li) => li.classList.remove("active"));
      markSkipped(result.stages);
      state.alive = true;
      render();
      resolve(result);
    };

    const polling = (on) => {
      if (on && !poller && !finished) poller = setInterval(finish, POLL_MS);
      if (!on && poller) { clearInterval(poller); poller = null; }
    };

    const connect = () => {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      try {
        socket = new WebSocket(`${scheme}://${location.host}${data.ws}`);
      } catch (error) {
        polling(true);
        return;
      }
      socket.onopen = () => polling(false);
      socket.onmessage = (message) => {
        const event = JSON.parse(message.data);
        if (typeof event.elapsed === "number") state.startedAt = Date.now() - event.elapsed * 1000;
        if (event.budget) state.budget = event.budget;
        if (typeof event.alive === "boolean") state.alive = event.alive;
        setStage(event.stage);
        render();
        if (event.stage === "done") finish();
      };
      socket.onclose = () => {
        if (finished) return;
        polling(true); // a result still arrives while the socket is down
        if (reconnects++ < RECONNECTS) setTimeout(connect, 1000 * reconnects);
      };
    };
    connect();
  });
}
