// A parent's screens: their child's plan in the family's words, the
// actions and where they are, the next conference, the chair's contact,
// and their own form before the meeting.

import { gql } from "./api.js";
import { h, show, problem, card, when, day, explained, button, link, field } from "./ui.js";
import { contactCard, planCard } from "./child.js";

export function nav(me) {
  return [["My child's plan", "/"], ["My views", "/form"]];
}

export async function screen(path, me) {
  if (!me.children.length) {
    return show("Kite", h("p", {}, "Your account is not linked to a child just now. The council's children's services can tell you more."));
  }
  // A parent of several children picks one (#/child/ID); the first otherwise.
  const m = /^\/(form\/)?child\/(.+)$/.exec(path);
  const c = (m && me.children.find((x) => x.id === m[2])) || me.children[0];
  if (path.startsWith("/form")) return form(me, c);
  return home(me, c);
}

function chooser(me, current, base) {
  if (me.children.length < 2) return null;
  return h("nav", { "aria-label": "Your children", class: "chooser" }, h("ul", {}, me.children.map((c) =>
    h("li", {}, h("a", { href: `#${base}child/${c.id}`, "aria-current": c.id === current.id ? "page" : null }, c.preferredName)))));
}

const CONTACT = `{ name roleLabel email phone howToReach workingPattern }`;

async function home(me, c) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { preferredName
    currentPlans { id kindLabel categoryLabel currentVersion { publishedAt sections { heading text talkThrough }
      actions { id what whatForChild who byWhen status statusLabel overdue forParent { id } } } }
    nextMeetingDue { kindLabel dueBy overdue meeting { kindLabel scheduledFor venue } }
    upcomingMeetings { id kindLabel status statusLabel scheduledFor venue venueWithheldFromFamily venueWithheldReason }
    chair ${CONTACT} socialWorker ${CONTACT} } }`, { id: c.id });
  const plans = child.currentPlans || [];
  show(`${child.preferredName}'s plan`,
    chooser(me, c, "/"),
    h("p", { class: "lead" }, "This is the plan for your child, in the words written for your family. Words with a line under them have a meaning you can open."),
    plans.length ? plans.map((p) => parentPlan(me, p)) : card("The plan", h("p", {}, "There is no plan written down yet.")),
    meetingCard(child),
    child.chair ? contactCard("The chair of the meetings", child.chair) : null,
    child.socialWorker ? contactCard("The social worker", child.socialWorker) : null,
    h("p", {}, link("Send my views before the meeting", "/form")));
}

function parentPlan(me, p) {
  const v = p.currentVersion;
  const base = planCard({ ...p, currentVersion: v ? { ...v, actions: [] } : null });
  if (p.categoryLabel) base.querySelector("h2").after(h("p", { class: "hint" }, p.categoryLabel));
  if (!v || !(v.actions || []).length) return base;
  base.append(h("h3", {}, "What people will do"), h("ul", { class: "list" }, v.actions.map((a) => action(me, a))));
  return base;
}

function action(me, a) {
  const li = h("li", {},
    explained(a.what || a.whatForChild || ""),
    h("p", { class: "hint" }, [`Who: ${a.who}`, a.byWhen ? `By ${day(a.byWhen)}` : null].filter(Boolean).join(" · ")),
    h("p", { class: a.overdue ? "status late" : "status" }, a.statusLabel + (a.overdue ? " – the date for this has passed" : "")));
  if (a.forParent && a.forParent.id === me.id && a.status !== "DONE" && a.status !== "DROPPED") {
    const area = h("div", {});
    li.append(button("I have done this", async () => {
      try {
        const out = await gql(`mutation($input: MarkPlanActionDoneInput!) { markPlanActionDone(input: $input) { action { statusLabel } } }`,
          { input: { actionId: a.id } });
        area.replaceChildren(h("p", { role: "status" }, `Thank you. ${out.markPlanActionDone.action.statusLabel}.`));
      } catch (e) {
        if (e.code === "UNAUTHENTICATED") throw e;
        area.replaceChildren(problem(e.message));
      }
    }), area);
  }
  return li;
}

function meetingCard(child) {
  const due = child.nextMeetingDue;
  const meetings = child.upcomingMeetings;
  if (!due && !meetings.length) return card("The next meetings", h("p", {}, "No meeting is planned just now."));
  return card("The next meetings",
    meetings.length ? h("ul", { class: "plain" }, meetings.map((m) => h("li", { class: "section" },
      h("p", { class: "big" }, `${m.kindLabel}${m.scheduledFor ? ": " + when(m.scheduledFor) : ""}`),
      m.status !== "SCHEDULED" ? h("p", { class: "status" }, m.statusLabel) : null,
      m.venue ? h("p", {}, `Where: ${m.venue}`) : null,
      m.venueWithheldFromFamily ? h("p", {}, m.venueWithheldReason || "The place is not shown here.") : null))) : null,
    due ? h("p", {}, due.overdue ? `The ${due.kindLabel.toLowerCase()} should have happened by ${day(due.dueBy)}.`
      : `The next ${due.kindLabel.toLowerCase()} must happen by ${day(due.dueBy)}.`) : null);
}

// The parent form has no drafts in Kite: it is kept in this page's memory
// until sent.
const typed = {};

async function form(me, c) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { preferredName
    wishesAndFeelingsForm { id title intro questions { key prompt help type required maxLength options { key label } } }
    upcomingMeetings { id kindLabel scheduledFor }
    parentViews { id statusLabel submittedAt readReceipts { readerName readerRoleLabel readAt } } } }`, { id: c.id });
  const tpl = child.wishesAndFeelingsForm;
  const answers = (typed[c.id] = typed[c.id] || {});
  const sentBefore = (child.parentViews || []).filter((v) => v.submittedAt);
  const area = h("div", {});
  const inputs = (tpl ? tpl.questions : []).map((q) => {
    const id = "p-" + q.key;
    if (q.type === "TEXT") {
      const t = h("textarea", { rows: "4", maxlength: q.maxLength || null, oninput: (ev) => { answers[q.key] = ev.target.value; } });
      t.value = answers[q.key] || "";
      return field(id, q.prompt + (q.required ? " (needed)" : ""), q.help, t);
    }
    const opts = q.type === "YES_NO" ? [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] : q.options;
    const set = h("fieldset", { class: "field" }, h("legend", {}, q.prompt + (q.required ? " (needed)" : "")),
      q.help ? h("p", { class: "hint" }, q.help) : null);
    const picked = new Set((answers[q.key] || "").split(",").filter(Boolean));
    opts.forEach((o, i) => {
      const input = h("input", { type: q.type === "MULTI_CHOICE" ? "checkbox" : "radio", name: id, value: o.key, id: `${id}-${i}`, checked: picked.has(o.key) });
      input.addEventListener("change", () => { answers[q.key] = [...set.querySelectorAll("input:checked")].map((x) => x.value).join(","); });
      set.append(h("div", { class: "choice" }, input, h("label", { for: `${id}-${i}` }, o.label)));
    });
    return set;
  });
  let key = null;
  show(tpl ? tpl.title : "Your views",
    chooser(me, c, "/form/"),
    tpl && tpl.intro ? h("p", { class: "lead" }, tpl.intro) : null,
    sentBefore.length ? card("What you sent before", sentBefore.map((v) => h("div", {},
      h("p", {}, `Sent ${when(v.submittedAt)}: ${v.statusLabel}`),
      (v.readReceipts || []).map((r) => h("p", { class: "hint" }, `Read by ${r.readerName}, ${r.readerRoleLabel}, on ${when(r.readAt)}`))))) : null,
    tpl ? h("form", { class: "form", novalidate: true, onsubmit: (ev) => ev.preventDefault() }, inputs,
      button("Send my views", async () => {
        key = key || crypto.randomUUID();
        try {
          const out = await gql(`mutation($input: SubmitParentViewsInput!) { submitParentViews(input: $input) { parentViews { statusLabel } } }`,
            { input: { childId: c.id, meetingId: child.upcomingMeetings[0] ? child.upcomingMeetings[0].id : null, idempotencyKey: key,
              answers: Object.entries(answers).filter(([, v]) => v !== "").map(([questionKey, value]) => ({ questionKey, value })) } });
          delete typed[c.id];
          show("Sent", h("p", { class: "lead" }, `Thank you. Your views have been sent: ${out.submitParentViews.parentViews.statusLabel}.`),
            link("Back to the plan", "/"));
        } catch (e) {
          if (e.code === "UNAUTHENTICATED") throw e;
          area.replaceChildren(problem(e.message));
        }
      }, { class: "button primary" }), area) : h("p", {}, "There is no form for you just now."));
}
