// handouts serve: reload this page when a rebuild changed the output; show a rebuild's problems over it.
(() => {
  "use strict";
  if (window.top !== window) return; // a framed web edition: the preview page around it reloads both
  const generation = Number(document.currentScript.dataset.generation);
  const source = new EventSource("/_handouts/events?generation=" + generation);

  function overlay(problems) {
    let box = document.getElementById("handouts-overlay");
    if (!problems.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "handouts-overlay";
      box.setAttribute("role", "alert");
      const sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = "/_handouts/preview.css";
      document.head.appendChild(sheet);
      document.body.appendChild(box);
    }
    box.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = "The preview could not be rebuilt";
    const note = document.createElement("p");
    note.textContent = "This page shows the last good build. Fix these and save; the page follows.";
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = problem; // text, never markup: a message may quote the user's HTML
      item.appendChild(code);
      list.appendChild(item);
    }
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    hide.addEventListener("click", () => box.remove());
    box.append(title, note, list, hide);
  }

  source.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.generation !== generation) {
      source.close();
      window.location.reload();
      return;
    }
    overlay(state.problems);
  });
})();
