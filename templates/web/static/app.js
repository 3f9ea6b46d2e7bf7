// qrdesk pages: live previews and field errors. Plain JS, no framework; the forms work without it.
"use strict";

// One timer per form: typing waits a little longer than choosing, and the later schedule replaces the earlier.
// data-preview-pending is set while a refresh is scheduled or running, and cleared when the last one finishes.
function scheduler(form, refresh) {
  let timer = null;
  const schedule = (ms) => {
    form.dataset.previewPending = "1";
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; refresh(); }, ms);
  };
  const finished = () => { if (timer === null) delete form.dataset.previewPending; };
  return { schedule, finished };
}

// Shows a problem (RFC 9457 JSON from the server) beside its field, or clears every field's error.
function showFieldError(form, problem) {
  form.querySelectorAll(".error-slot").forEach((slot) => {
    const field = slot.dataset.field;
    const input = form.querySelector("#" + field);
    const mine = problem && problem.field === field;
    slot.replaceChildren();
    if (input) { if (mine) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid"); }
    if (!mine) return;
    const p = document.createElement("p");
    p.className = "field-error";
    p.setAttribute("role", "alert");
    const strong = document.createElement("strong");
    strong.textContent = problem.title;
    const detail = document.createElement("span");
    detail.lang = "en";
    detail.textContent = " " + problem.detail;
    p.append(strong, detail);
    slot.append(p);
  });
}

async function fetchPreview(url, form) {
  const response = await fetch(url, { method: "POST", body: new FormData(form) });
  if (response.ok) return { image: URL.createObjectURL(await response.blob()) };
  try { return { problem: await response.json() }; } catch (e) { return { problem: { title: "Preview failed", detail: String(response.status) } }; }
}

// The scheme picker shows only the chosen scheme's fields (without script, all of them show).
function setupSchemePicker(form) {
  const select = form.querySelector("#scheme");
  if (!select) return;
  const update = () => {
    for (const fieldset of form.querySelectorAll(".scheme-fields")) {
      fieldset.hidden = fieldset.dataset.scheme !== select.value;
      for (const input of fieldset.querySelectorAll("input")) input.disabled = fieldset.hidden;
    }
  };
  select.addEventListener("change", update);
  update();
}

function setupCardPreview(form) {
  setupSchemePicker(form);
  const tiles = Array.from(document.querySelectorAll(".tile"));
  const status = document.getElementById("preview-status");
  const showLink = document.getElementById("show-link");
  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    const selected = form.querySelector("#template").value;
    const params = new URLSearchParams({ link: form.querySelector("#link").value, name: form.querySelector("#name").value,
                                         lang: form.querySelector("#lang").value });
    showLink.href = "/show?" + params.toString();
    const hasCode = form.querySelector("#link").value || form.querySelector("#payload").value || form.querySelector("#scheme").value;
    if (!hasCode || !form.querySelector("#name").value) {
      status.textContent = "Enter a payment link (or a payment code) and a business name to see the previews.";
      timing.finished();
      return;
    }
    status.textContent = "Updating previews…";
    let selectedProblem = null;
    let failures = 0;
    // Two at a time: the server renders on a bounded pool.
    const queue = tiles.slice();
    const worker = async () => {
      for (let tile = queue.shift(); tile; tile = queue.shift()) {
        const url = form.dataset.preview + "?" + new URLSearchParams({ template: tile.dataset.template, variant: tile.dataset.variant });
        const result = await fetchPreview(url, form);
        if (mine !== generation) return;
        const img = tile.querySelector("img");
        const error = tile.querySelector(".tile-error");
        if (tile.dataset.template === selected) tile.setAttribute("data-selected", ""); else tile.removeAttribute("data-selected");
        if (result.image) {
          if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
          img.src = result.image;
          img.removeAttribute("hidden");
          error.textContent = "";
        } else {
          failures += 1;
          img.setAttribute("hidden", "");
          error.textContent = result.problem.title;
          // Beside the field: the chosen template's refusal; the others say theirs on their own tile.
          if (tile.dataset.template === selected) selectedProblem = selectedProblem || result.problem;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    if (mine !== generation) return;
    showFieldError(form, selectedProblem);
    status.textContent = failures === 0 ? "Previews are up to date." : "Some templates cannot take this card; see the messages.";
    timing.finished();
  };
  const timing = scheduler(form, refresh);
  form.addEventListener("input", () => timing.schedule(500));
  form.addEventListener("change", () => timing.schedule(100));
  refresh();
}

function setupReceiptPreview(form) {
  const img = document.getElementById("receipt-image");
  const status = document.getElementById("preview-status");
  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    status.textContent = "Updating the preview…";
    const result = await fetchPreview(form.dataset.receiptPreview, form);
    if (mine !== generation) return;
    if (result.image) {
      if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
      img.src = result.image;
      status.textContent = "The preview is up to date.";
      showFieldError(form, null);
      timing.finished();
    } else {
      status.textContent = "The receipt cannot be rendered; see the message beside the document.";
      showFieldError(form, Object.assign({}, result.problem, { field: result.problem.field === "template" || result.problem.field === "lang" ? result.problem.field : "document" }));
      timing.finished();
    }
  };
  const timing = scheduler(form, refresh);
  form.addEventListener("input", () => timing.schedule(600));
  form.addEventListener("change", () => timing.schedule(100));
  refresh();
}

function setupFullScreen() {
  const button = document.getElementById("fullscreen");
  if (!button || !document.documentElement.requestFullscreen) return;
  button.hidden = false;
  button.addEventListener("click", () => document.documentElement.requestFullscreen());
}

document.addEventListener("DOMContentLoaded", () => {
  const cardForm = document.getElementById("card-form");
  if (cardForm) setupCardPreview(cardForm);
  const receiptForm = document.getElementById("receipt-form");
  if (receiptForm) setupReceiptPreview(receiptForm);
  setupFullScreen();
});
