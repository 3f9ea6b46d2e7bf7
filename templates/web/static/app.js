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
// The page's own words in its language: the server puts them on <body data-msg-…>.
function message(name) {
  return document.body.dataset["msg" + name.charAt(0).toUpperCase() + name.slice(1)] || name;
}

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
    detail.lang = "en";  // the engine's detail is English; the headline is in the page's language
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
      status.textContent = message("enter");
      timing.finished();
      return;
    }
    status.textContent = message("updating");
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
    status.textContent = message(failures === 0 ? "uptodate" : "someFail");
    timing.finished();
  };
  const timing = scheduler(form, refresh);
  form.addEventListener("input", () => timing.schedule(500));
  form.addEventListener("change", () => timing.schedule(100));
  refresh();
}

// The receipt form: rows added and removed here, the desk's UTC offset, and the mode switch. Totals come from the
// server (the receipt's own money code), never from arithmetic in the browser.
function setupReceiptForm(form) {
  const offset = form.querySelector("input[name='visit-offset']");
  if (offset && !offset.value) {
    const minutes = -new Date().getTimezoneOffset();
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    offset.value = (minutes < 0 ? "-" : "+") + pad(minutes / 60) + ":" + pad(minutes % 60);
  }
  const date = form.querySelector("#visit-date");
  if (date && !date.value) {
    const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60000);
    date.value = now.toISOString().slice(0, 16);
  }
  const renumber = (row, index) => {
    row.dataset.row = String(index);
    for (const element of row.querySelectorAll("[id], [name], label[for]")) {
      for (const attribute of ["id", "name", "for"]) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/([.-])\d+([.-])/, "$1" + index + "$2"));
      }
    }
  };
  for (const button of form.querySelectorAll(".add-row")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const rows = form.querySelectorAll("#" + button.dataset.rows + " [data-row]");
      const last = rows[rows.length - 1];
      const copy = last.cloneNode(true);
      renumber(copy, Number(last.dataset.row) + 1);
      for (const input of copy.querySelectorAll("input")) input.value = "";
      last.after(copy);
      setupRemove(copy);
      form.dispatchEvent(new Event("change"));
    });
  }
  const setupRemove = (row) => {
    const button = row.querySelector(".remove-row");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      if (row.parentElement.querySelectorAll("[data-row]").length > 1) row.remove();
      else for (const input of row.querySelectorAll("input")) input.value = "";
      form.dispatchEvent(new Event("change"));
    });
  };
  form.querySelectorAll("[data-row]").forEach(setupRemove);
  const fields = document.getElementById("receipt-fields");
  const advanced = form.querySelector("details.advanced");
  const mode = () => {
    const json = form.querySelector("#mode-json").checked;
    fields.hidden = json;
    if (json) advanced.open = true;
  };
  for (const radio of form.querySelectorAll("input[name='mode']")) radio.addEventListener("change", mode);
  mode();
}

async function refreshTotals(form) {
  if (!form.querySelector("#mode-form").checked) return null;
  const response = await fetch(form.dataset.receiptTotals, { method: "POST", body: new FormData(form) });
  const totals = await response.json();
  for (const key of ["subtotal", "total", "paid", "balance"]) {
    document.getElementById("total-" + key).textContent = totals[key] || "—";
  }
  return totals.problem ? { title: "Check this", detail: totals.problem, field: totals.field } : null;
}

function setupReceiptPreview(form) {
  setupReceiptForm(form);
  const img = document.getElementById("receipt-image");
  const status = document.getElementById("preview-status");
  let generation = 0;
  const refresh = async () => {
    const mine = ++generation;
    status.textContent = message("receiptUpdating");
    await refreshTotals(form);
    const result = await fetchPreview(form.dataset.receiptPreview, form);
    if (mine !== generation) return;
    if (result.image) {
      if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
      img.src = result.image;
      status.textContent = message("receiptUptodate");
      showFieldError(form, null);
      timing.finished();
    } else {
      status.textContent = message("receiptFails");
      const formMode = form.querySelector("#mode-form").checked;
      const own = result.problem.field === "template" || result.problem.field === "lang" || (formMode && result.problem.field);
      showFieldError(form, Object.assign({}, result.problem, { field: own ? result.problem.field : (formMode ? "receipt-form" : "document") }));
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
  const menu = document.getElementById("page-language");
  if (menu) menu.addEventListener("change", () => menu.form.submit());
  const cardForm = document.getElementById("card-form");
  if (cardForm) setupCardPreview(cardForm);
  const receiptForm = document.getElementById("receipt-form");
  if (receiptForm) setupReceiptPreview(receiptForm);
  setupFullScreen();
});
