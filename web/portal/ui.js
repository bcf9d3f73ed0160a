// Small helpers for building the page. Everything is made with DOM calls
// (text nodes, never parsed as HTML), so nobody's words can ever run as code.

import { publicQuery } from "./api.js";

// h makes an element: h("p", {class: "x"}, "text", child, ...).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const main = () => document.getElementById("main");

// show replaces the page's content, sets the title and moves focus to the
// heading, so a screen reader or keyboard user starts at the top.
export function show(title, ...content) {
  document.title = title + " – Kite";
  const heading = h("h1", { tabindex: "-1" }, title);
  main().replaceChildren(heading, ...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  heading.focus();
  window.scrollTo(0, 0);
}

// problem is a message box in plain words (Kite's own message), read out
// by screen readers when it appears.
export function problem(message) {
  return h("div", { class: "problem", role: "alert" }, message);
}

export function note(message) {
  return h("p", { class: "note", role: "status" }, message);
}

export function card(title, ...content) {
  return h("section", { class: "card", "aria-label": title }, h("h2", {}, title), ...content);
}

const london = { timeZone: "Europe/London" };

// when says a time in words: "Monday 3 March at 4:30pm".
export function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  const day = d.toLocaleDateString("en-GB", { ...london, weekday: "long", day: "numeric", month: "long" });
  const time = d.toLocaleTimeString("en-GB", { ...london, hour: "numeric", minute: "2-digit", hour12: true }).replace(" ", "");
  return `${day} at ${time}`;
}

// day says a calendar date ("2026-03-03") in words: "Tuesday 3 March 2026".
export function day(date) {
  if (!date) return "";
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB",
    { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

let glossary = null;

// loadGlossary reads the glossary once (it is public).
export async function loadGlossary() {
  if (!glossary) {
    const data = await publicQuery("{ glossary { term explanation } }");
    // Longest terms first, so "conference chair" wins over "chair".
    glossary = data.glossary.slice().sort((a, b) => b.term.length - a.term.length);
  }
  return glossary;
}

let termCount = 0;

// explained turns text into a paragraph where each glossary word is a
// button: pressing it (tap, click, Enter or Space) shows what it means just
// below, and pressing again hides it.
export function explained(text, tag = "p") {
  const id = "meaning-" + ++termCount;
  const box = h("div", { class: "explained" });
  const para = h(tag, {});
  const meaning = h("p", { class: "meaning", id, hidden: true, "aria-live": "polite" });
  box.append(para, meaning);
  const words = glossary || [];
  let rest = text;
  while (rest.length) {
    let best = null;
    for (const g of words) {
      const re = new RegExp("\\b" + g.term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "s?\\b", "i");
      const m = re.exec(rest);
      if (m && (!best || m.index < best.m.index)) best = { g, m };
    }
    if (!best) {
      para.append(rest);
      break;
    }
    para.append(rest.slice(0, best.m.index));
    const button = h("button", { type: "button", class: "term", "aria-expanded": "false", "aria-controls": id }, best.m[0]);
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") === "true";
      for (const b of para.querySelectorAll(".term")) b.setAttribute("aria-expanded", "false");
      if (open) {
        meaning.hidden = true;
        return;
      }
      button.setAttribute("aria-expanded", "true");
      meaning.replaceChildren(h("strong", {}, best.g.term + ": "), best.g.explanation);
      meaning.hidden = false;
    });
    para.append(button);
    rest = rest.slice(best.m.index + best.m[0].length);
  }
  return box;
}

// button is a large, plain button.
export function button(label, onclick, attrs = {}) {
  return h("button", { type: "button", class: "button", ...attrs, onclick: guarded(onclick) }, label);
}

// guarded runs an event handler and hands any error it meets to the page
// (app.js shows it in plain words, or goes back to sign-in).
export function guarded(fn) {
  return async (ev) => {
    try {
      await fn(ev);
    } catch (e) {
      window.dispatchEvent(new CustomEvent("kite:error", { detail: e }));
    }
  };
}

// link is a link to a screen of the portal.
export function link(label, route, attrs = {}) {
  return h("a", { href: "#" + route, class: "button", ...attrs }, label);
}

// field wraps an input with its label and hint, joined for screen readers.
export function field(id, label, hint, input) {
  input.id = id;
  const hintEl = hint ? h("p", { class: "hint", id: id + "-hint" }, hint) : null;
  if (hintEl) input.setAttribute("aria-describedby", id + "-hint");
  return h("div", { class: "field" }, h("label", { for: id }, label), hintEl, input);
}
