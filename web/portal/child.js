// A child's screens: home (next review, their IRO, "I need to talk to someone
// today"), their plan, the form for their next meeting, and what happened to
// what they sent. Every sentence about who reads what comes from Kite.

import { gql, SessionEnded } from "./api.js";
import { h, show, problem, note, card, when, day, explained, button, link, field, guarded } from "./ui.js";

export function nav() {
  return [["Home", "/"], ["My plan", "/plan"], ["My form", "/form"], ["What I sent", "/sent"]];
}

export async function screen(path, me) {
  const id = me.child.id;
  switch (path) {
    case "/plan":
      return plan(id);
    case "/form":
      return form(id, me);
    case "/sent":
      return sent(id);
    case "/talk":
      return talk(id);
    default:
      return home(id);
  }
}

const CONTACT = `{ name roleLabel email phone howToReach workingPattern }`;

async function home(id) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { preferredName
    nextMeetingDue { kindLabel dueBy overdue meeting { kindLabel status statusLabel scheduledFor venue } }
    chair ${CONTACT} socialWorker ${CONTACT} } }`, { id });
  show(`Hello, ${child.preferredName}`,
    h("p", { class: "lead" }, "This is your Kite. Here you can read your plan, get ready for your next meeting and tell people what you think."),
    h("div", { class: "talk" },
      link("I need to talk to someone today", "/talk", { class: "button urgent" })),
    nextReview(child.nextMeetingDue),
    child.chair ? contactCard("The person who runs your meetings", child.chair) : card("The person who runs your meetings",
      h("p", {}, "You do not have someone to run your meetings yet. Your social worker can tell you more.")),
    child.socialWorker ? contactCard("Your social worker", child.socialWorker) : null,
    h("ul", { class: "actions" },
      h("li", {}, link("Read my plan", "/plan")),
      h("li", {}, link("Fill in my form", "/form")),
      h("li", {}, link("What happened to what I sent", "/sent"))));
}

function nextReview(due) {
  if (!due) {
    return card("Your next meeting", h("p", {}, "There is no meeting planned for you just now."));
  }
  const m = due.meeting;
  return card("Your next meeting",
    m && m.scheduledFor ? h("p", { class: "big" }, `${m.kindLabel}: ${when(m.scheduledFor)}`) : h("p", { class: "big" }, due.kindLabel),
    m && m.status !== "SCHEDULED" ? h("p", { class: "status" }, m.statusLabel) : null,
    m && m.venue ? h("p", {}, `Where: ${m.venue}`) : null,
    h("p", {}, due.overdue
      ? `It should have happened by ${day(due.dueBy)}.`
      : `It must happen by ${day(due.dueBy)}.`));
}

// contactCard shows a member of staff: a picture placeholder, their name and
// role (with the glossary's meaning), and how and when to reach them.
export function contactCard(title, c) {
  return card(title,
    h("div", { class: "contact" },
      h("img", { src: "person.svg", alt: "", width: "72", height: "72", class: "avatar" }),
      h("div", {},
        h("p", { class: "big" }, c.name),
        explained(c.roleLabel),
        c.phone ? h("p", {}, "Phone: ", h("a", { href: "tel:" + c.phone.replace(/\s/g, "") }, c.phone)) : null,
        c.email ? h("p", {}, "Email: ", h("a", { href: "mailto:" + c.email }, c.email)) : null,
        c.howToReach ? h("p", {}, c.howToReach) : null,
        c.workingPattern ? h("p", {}, `When they work: ${c.workingPattern}`) : null)));
}

async function plan(id) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { currentPlans { id kindLabel
    currentVersion { publishedAt sections { heading text talkThrough }
      actions { id what whatForChild who byWhen statusLabel } } } } }`, { id });
  const plans = child.currentPlans || [];
  if (!plans.length) {
    return show("My plan", h("p", {}, "You do not have a plan written down yet. Your social worker can tell you more."));
  }
  show("My plan",
    h("p", { class: "hint" }, "Words with a line under them have a meaning you can open. Press one to see what it means."),
    plans.map((p) => planCard(p)));
}

export function planCard(p) {
  const v = p.currentVersion;
  if (!v) {
    return card(p.kindLabel, h("p", {}, "This plan has nothing written in it yet."));
  }
  const actions = (v.actions || []).filter((a) => a.whatForChild || a.what);
  return card(p.kindLabel,
    h("p", { class: "hint" }, `Written down on ${when(v.publishedAt)}`),
    v.sections.map((s) => h("div", { class: "section" }, h("h3", {}, s.heading), explained(s.text))),
    actions.length ? [h("h3", {}, "What people will do"),
      h("ul", { class: "list" }, actions.map((a) => h("li", {},
        explained(a.whatForChild || a.what),
        h("p", { class: "hint" }, [`Who: ${a.who}`, a.byWhen ? `By ${day(a.byWhen)}` : null, a.statusLabel].filter(Boolean).join(" · ")))))] : null);
}

// The child's form. What they type is saved to Kite as a draft as they go
// (so they can carry on another day or on another device), and kept in
// memory if they are signed out before it is saved.
let kept = null;

// keptDraft is the form's state while it holds words not yet saved.
export function keptDraft() {
  return kept && kept.dirty ? kept : null;
}

export function forgetDraft() {
  kept = null;
}

const DRAFT = `id status revision shareWith helpedBy needsToTalkToday meeting { id } answers { questionKey value }`;

async function form(id, me) {
  const data = await gql(`query($id: ID!) { child(id: $id) {
    wishesAndFeelingsForm { id title intro questions { key prompt help type required maxLength options { key label emoji altText } } }
    upcomingMeetings { id kindLabel scheduledFor }
    submissions(first: 50, orderBy: {field: CREATED_AT, direction: DESC}) { edges { node { ${DRAFT} } } } }
    enumLabels { enum value label } }`, { id });
  const c = data.child;
  const tpl = c.wishesAndFeelingsForm;
  if (!tpl) {
    return show("My form", h("p", {}, "There is no form for you to fill in. Your social worker will make sure the meeting hears what you think."));
  }
  const drafts = c.submissions.edges.map((e) => e.node).filter((s) => s.status === "DRAFT");
  const draft = drafts[0] || null;
  const state = {
    userId: me.id,
    submissionId: draft ? draft.id : null,
    revision: draft ? draft.revision : null,
    answers: Object.fromEntries((draft ? draft.answers : []).map((a) => [a.questionKey, a.value])),
    shareWith: (draft && draft.shareWith) || null,
    helpedBy: (draft && draft.helpedBy) || null,
    meetingId: (draft && draft.meeting && draft.meeting.id) || (c.upcomingMeetings[0] && c.upcomingMeetings[0].id) || null,
    key: null,
    dirty: false,
  };
  if (kept && kept.dirty && kept.userId === me.id) {
    // Signed in again after the session ended: what was typed comes back.
    Object.assign(state, { answers: { ...state.answers, ...kept.answers }, shareWith: kept.shareWith || state.shareWith, key: kept.key, dirty: true });
  }
  kept = state;
  const labels = Object.fromEntries(data.enumLabels.filter((l) => l.enum === "ShareWith").map((l) => [l.value, l.label]));
  const helpers = data.enumLabels.filter((l) => l.enum === "HelpedBy");

  const status = h("p", { class: "saved", role: "status" }, draft ? "Carrying on from where you left off." : "");
  let timer = null;
  const save = async () => {
    clearTimeout(timer);
    if (!state.dirty) return;
    status.textContent = "Saving…";
    try {
      const out = await gql(`mutation($input: SaveWishesAndFeelingsDraftInput!) { saveWishesAndFeelingsDraft(input: $input) { submission { ${DRAFT} } } }`,
        { input: draftInput(id, state) });
      const s = out.saveWishesAndFeelingsDraft.submission;
      state.submissionId = s.id;
      state.revision = s.revision;
      state.dirty = false;
      status.textContent = "Saved. You can carry on later, on this or another device.";
    } catch (e) {
      if (e instanceof SessionEnded) {
        window.dispatchEvent(new CustomEvent("kite:error", { detail: e }));
        return;
      }
      status.textContent = "";
      status.replaceChildren(problem(e.message));
    }
  };
  const changed = (key, value) => {
    state.answers[key] = value;
    state.dirty = true;
    status.textContent = "Not saved yet…";
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  };

  const meetingChoice = c.upcomingMeetings.length ? h("fieldset", { class: "field" },
    h("legend", {}, "Which meeting is this for?"),
    c.upcomingMeetings.map((m, i) => radio("meeting", m.id, `${m.kindLabel}${m.scheduledFor ? ", " + when(m.scheduledFor) : ""}`, state.meetingId === m.id, () => {
      state.meetingId = m.id;
      state.dirty = true;
      save();
    }, "meeting-" + i))) : null;

  const questions = tpl.questions.map((q) => question(q, state.answers[q.key] || "", (v) => changed(q.key, v)));
  const helpedBy = helpers.length ? h("fieldset", { class: "field" },
    h("legend", {}, "Did anyone help you fill this in?"),
    helpers.map((l) => radio("helped", l.value, l.label, state.helpedBy === l.value, () => {
      state.helpedBy = l.value;
      state.dirty = true;
      save();
    }))) : null;

  const who = h("div", { class: "who", "aria-live": "polite" });
  const shareChoice = h("fieldset", { class: "field" },
    h("legend", {}, "Who can see this?"),
    ["CHAIR_ONLY", "CHAIR_AND_SOCIAL_WORKER", "EVERYONE_AT_MEETING"].map((v) => radio("share", v, labels[v] || v, state.shareWith === v, async () => {
      state.shareWith = v;
      state.dirty = true;
      save();
      who.replaceChildren(await whoWillSee(id, v));
    })));
  if (state.shareWith) {
    who.replaceChildren(await whoWillSee(id, state.shareWith));
  }

  const sendArea = h("div", {});
  const send = button("Send it", async () => {
    if (!state.shareWith) {
      sendArea.replaceChildren(problem("Please choose who can see this first."));
      shareChoice.querySelector("input").focus();
      return;
    }
    await save();
    sendArea.replaceChildren(await confirmSend(id, state, sendArea));
    sendArea.querySelector("h2").focus();
  }, { class: "button primary" });

  show(tpl.title,
    tpl.intro ? h("p", { class: "lead" }, tpl.intro) : null,
    status,
    h("form", { class: "form", novalidate: true, onsubmit: (ev) => ev.preventDefault() },
      meetingChoice, questions, helpedBy, shareChoice, who, send, sendArea));
  if (kept.dirty) save();
}

function draftInput(id, state) {
  return {
    childId: id,
    submissionId: state.submissionId,
    revision: state.revision,
    meetingId: state.meetingId,
    shareWith: state.shareWith,
    helpedBy: state.helpedBy,
    answers: Object.entries(state.answers).filter(([, v]) => v !== "").map(([questionKey, value]) => ({ questionKey, value })),
  };
}

let radios = 0;

function radio(name, value, label, checked, onchange, id) {
  id = id || `${name}-${++radios}`;
  return h("div", { class: "choice" },
    h("input", { type: "radio", name, value, id, checked, onchange: guarded(onchange) }),
    h("label", { for: id }, label));
}

// question draws one question of the form as its type says.
function question(q, value, onchange) {
  const id = "q-" + q.key;
  const hint = q.help || null;
  switch (q.type) {
    case "TEXT": {
      const input = h("textarea", { rows: "4", maxlength: q.maxLength || null, oninput: (ev) => onchange(ev.target.value) });
      input.value = value;
      return field(id, q.prompt, hint, input);
    }
    case "YES_NO":
      return choices(q, id, hint, [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }], value, onchange, false);
    case "SCALE_1_5":
      return choices(q, id, hint, q.options.length ? q.options : [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: String(n) })), value, onchange, false);
    case "MULTI_CHOICE":
      return choices(q, id, hint, q.options, value, onchange, true);
    default:
      return choices(q, id, hint, q.options, value, onchange, false);
  }
}

function choices(q, id, hint, options, value, onchange, many) {
  const picked = new Set(value ? value.split(",") : []);
  const set = h("fieldset", { class: "field", "aria-describedby": hint ? id + "-hint" : null },
    h("legend", {}, q.prompt),
    hint ? h("p", { class: "hint", id: id + "-hint" }, hint) : null);
  options.forEach((o, i) => {
    const oid = `${id}-${i}`;
    const input = h("input", { type: many ? "checkbox" : "radio", name: id, value: o.key, id: oid, checked: picked.has(o.key) });
    input.addEventListener("change", () => {
      const now = [...set.querySelectorAll("input:checked")].map((x) => x.value);
      onchange(now.join(","));
    });
    set.append(h("div", { class: "choice" }, input,
      h("label", { for: oid }, o.emoji ? h("span", { role: "img", "aria-label": o.altText || "" }, o.emoji + " ") : null, o.label)));
  });
  return set;
}

// whoWillSee asks Kite who would read it with this choice, and says so.
async function whoWillSee(id, shareWith) {
  const { child } = await gql(`query($id: ID!, $s: ShareWith!) { child(id: $id) { whoWillSee(shareWith: $s) {
    message readers { description } } } }`, { id, s: shareWith });
  const w = child.whoWillSee;
  return h("div", { class: "card soft" },
    h("h3", {}, "Who will see this"),
    h("p", {}, w.message),
    h("ul", { class: "list" }, w.readers.map((r) => h("li", {}, r.description))));
}

async function confirmSend(id, state, area) {
  const { child } = await gql(`query($id: ID!, $s: ShareWith!) { child(id: $id) { whoWillSee(shareWith: $s) { message readers { description } } } }`,
    { id, s: state.shareWith });
  const w = child.whoWillSee;
  const panel = h("section", { class: "card confirm", "aria-labelledby": "confirm-title" },
    h("h2", { id: "confirm-title", tabindex: "-1" }, "Before you send it"),
    h("p", {}, w.message),
    h("ul", { class: "list" }, w.readers.map((r) => h("li", {}, r.description))),
    h("p", {}, "Once it is sent, you cannot change it."),
    h("div", { class: "row" },
      button("Yes, send it", async () => {
        state.key = state.key || crypto.randomUUID();
        try {
          const out = await gql(`mutation($input: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $input) {
            whatHappensNext helpNow { message } submission { id statusLabel } } }`,
          { input: { ...draftInput(id, state), idempotencyKey: state.key, revision: undefined } });
          kept = null;
          const r = out.submitWishesAndFeelings;
          show("Sent", h("p", { class: "lead" }, r.whatHappensNext), h("p", {}, r.helpNow.message),
            link("What happened to what I sent", "/sent"), " ", link("Home", "/"));
        } catch (e) {
          if (e instanceof SessionEnded) throw e;
          area.replaceChildren(problem(e.message));
        }
      }, { class: "button primary" }),
      button("Not yet", () => area.replaceChildren())));
  return panel;
}

async function sent(id) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { submissions(first: 50, orderBy: {field: CREATED_AT, direction: DESC}) { edges { node {
    id status statusLabel shareLabel submittedAt firstReadAt respondedAt reply needsToTalkToday
    readReceipts { readerName readerRoleLabel readAt } meeting { kindLabel scheduledFor } } } } } }`, { id });
  const list = child.submissions.edges.map((e) => e.node).filter((s) => s.status !== "DRAFT");
  if (!list.length) {
    return show("What I sent", h("p", {}, "You have not sent anything yet."), link("Fill in my form", "/form"));
  }
  show("What I sent", h("ul", { class: "plain" }, list.map((s) => h("li", {}, card(
    `Sent ${when(s.submittedAt)}`,
    s.meeting ? h("p", {}, `For your ${s.meeting.kindLabel.toLowerCase()}${s.meeting.scheduledFor ? " on " + when(s.meeting.scheduledFor) : ""}`) : null,
    h("p", { class: "status" }, s.statusLabel),
    h("p", {}, `Who can see it: ${s.shareLabel}`),
    s.needsToTalkToday ? h("p", {}, "You said you need to talk to someone today.") : null,
    (s.readReceipts || []).map((r) => h("p", {}, `Read by ${r.readerName}, ${r.readerRoleLabel}, on ${when(r.readAt)}`)),
    s.reply ? h("div", { class: "reply" }, h("h3", {}, "The reply"), h("p", {}, s.reply),
      h("p", { class: "hint" }, when(s.respondedAt))) : null)))));
}

// talk is "I need to talk to someone today": it says first, in Kite's
// words, who will be told and what they will see, then tells them.
async function talk(id) {
  const { child } = await gql(`query($id: ID!) { child(id: $id) { whoWillSee(shareWith: CHAIR_ONLY) {
    ifUrgent toldIfUrgent { description readsWords } }
    wishesAndFeelingsForm { questions { key type prompt } } } }`, { id });
  const w = child.whoWillSee;
  const text = (child.wishesAndFeelingsForm ? child.wishesAndFeelingsForm.questions : []).filter((q) => q.type === "TEXT");
  const box = text.length ? h("textarea", { rows: "3" }) : null;
  const area = h("div", {});
  show("I need to talk to someone today",
    h("p", { class: "lead" }, w.ifUrgent),
    h("ul", { class: "list" }, w.toldIfUrgent.map((r) => h("li", {}, r.description))),
    box ? field("talk-words", "If you want to, say what it is about", "You can leave this empty.", box) : null,
    button("Tell them", async () => {
      const answers = box && box.value.trim() ? [{ questionKey: text[text.length - 1].key, value: box.value.trim() }] : [];
      try {
        const out = await gql(`mutation($input: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $input) {
          helpNow { message } } }`, { input: { childId: id, answers, shareWith: "CHAIR_ONLY", needsToTalkToday: true, idempotencyKey: crypto.randomUUID() } });
        show("Your message has gone", h("p", { class: "lead" }, out.submitWishesAndFeelings.helpNow.message), link("Home", "/"));
      } catch (e) {
        if (e instanceof SessionEnded) throw e;
        area.replaceChildren(problem(e.message));
      }
    }, { class: "button urgent" }),
    area,
    note("If you are in danger now, call 999."));
}
