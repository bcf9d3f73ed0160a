package web_test

// The portal in a real browser: Debian's Chromium, headless, driven by
// chromedp. Each journey is done with the keyboard alone (key events, no
// mouse), and every screen it passes is checked with axe-core at WCAG 2.2 AA,
// for horizontal scrolling at 320 CSS pixels wide and at 200% zoom, and
// photographed.
//
// Chromium: `chromium` on the PATH (or KITE_CHROMIUM). axe-core: installed
// with npm into a cache folder on first use (or KITE_AXE_JS). Without them the
// tests skip, except when KITE_TEST_BROWSER=required (as .ci/run sets), when
// they fail; KITE_TEST_BROWSER=off skips them (the PostgreSQL pass of .ci/run,
// since the portal only uses the API). KITE_SCREENSHOTS=dir (an absolute
// path) keeps the screenshots there, otherwise they go to a temporary folder;
// the README's three are copies in docs/screenshots/.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"kite/internal/apitest"
	"kite/internal/demo"
)

// need skips the test when something the browser tests need is missing,
// or fails it where the browser tests are required.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if os.Getenv("KITE_TEST_BROWSER") == "off" {
		t.Skip("KITE_TEST_BROWSER=off: browser tests skipped")
	}
	if err == nil {
		return
	}
	if os.Getenv("KITE_TEST_BROWSER") == "required" {
		t.Fatalf("browser tests are required (KITE_TEST_BROWSER=required) but %s is missing: %v", what, err)
	}
	t.Skipf("no %s (%v): browser tests skipped", what, err)
}

func chromiumPath(t *testing.T) string {
	need(t, "", nil) // KITE_TEST_BROWSER=off skips
	if p := os.Getenv("KITE_CHROMIUM"); p != "" {
		return p
	}
	p, err := exec.LookPath("chromium")
	need(t, "chromium", err)
	return p
}

// axeSource is axe-core's script, from the npm package, kept in a cache
// folder so that it is installed once per machine. It is injected into the
// page by the test (the Chrome DevTools protocol evaluates it outside the
// page's Content-Security-Policy); Kite never serves it.
func axeSource(t *testing.T) string {
	path := os.Getenv("KITE_AXE_JS")
	if path == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir := filepath.Join(cache, "kite-test", "axe-core-4")
		path = filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
		if _, err := os.Stat(path); err != nil {
			npm, err := exec.LookPath("npm")
			need(t, "npm (to install axe-core)", err)
			cmd := exec.Command(npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "--no-save", "axe-core@4")
			if out, err := cmd.CombinedOutput(); err != nil {
				need(t, "axe-core", fmt.Errorf("npm install axe-core@4: %v: %s", err, out))
			}
		}
	}
	b, err := os.ReadFile(path)
	need(t, "axe-core", err)
	return string(b)
}

// portal is one browser tab on the portal, signed in or not.
type portal struct {
	t    *testing.T
	ctx  context.Context
	base string
	axe  string
	dir  string // where screenshots go
	who  string
}

const (
	desktopWidth = 1280
	height       = 900
)

// open starts a new browser context (its own cookies, like another
// person's browser) on the portal.
func open(t *testing.T, browser context.Context, base, axe, dir, who string) *portal {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	p := &portal{t: t, ctx: ctx, base: base, axe: axe, dir: dir, who: who}
	// The first call makes the tab, which lives as long as that call's
	// context: so it has no timeout of its own.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(desktopWidth, height)); err != nil {
		t.Fatalf("%s: opening a tab: %v", who, err)
	}
	p.do(chromedp.Navigate(base + "/portal/"))
	p.waitFor(`document.querySelector("#username") !== null`, "the sign-in form")
	return p
}

func (p *portal) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", p.who, err)
	}
}

func eval[T any](p *portal, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %s: %v", p.who, expr, err)
	}
	return v
}

// waitFor waits until a JavaScript condition holds; what names it in the
// failure, with the page's text.
func (p *portal) waitFor(cond, what string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		text, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body.innerText`))
		p.t.Fatalf("%s: waiting for %s: %v\npage:\n%s", p.who, what, err, text)
	}
}

// heading waits for the screen whose heading is h1.
func (p *portal) heading(h1 string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf(`(document.querySelector("main h1")||{}).textContent === %q`, h1), "the screen "+h1)
}

// key presses keys (kb names or text) as the keyboard would.
func (p *portal) key(keys string) {
	p.t.Helper()
	p.do(chromedp.KeyEvent(keys))
}

// tabTo presses Tab until the focused element matches the condition (a
// JavaScript expression over the element `a`), as a keyboard user would.
func (p *portal) tabTo(cond, what string) {
	p.t.Helper()
	check := fmt.Sprintf(`(() => { const a = document.activeElement; return !!a && a !== document.body && (%s); })()`, cond)
	for range 120 {
		if eval[bool](p, check) {
			return
		}
		p.key(kb.Tab)
	}
	p.t.Fatalf("%s: Tab never reached %s", p.who, what)
}

// press reaches the element with this text by Tab and presses Enter.
func (p *portal) press(text string) {
	p.t.Helper()
	p.tabTo(fmt.Sprintf(`a.textContent.trim() === %q`, text), text)
	p.key(kb.Enter)
}

func (p *portal) signIn(username string) {
	p.t.Helper()
	p.tabTo(`a.id === "username"`, "the username box")
	p.key(username)
	p.key(kb.Tab)
	p.key(demo.Password)
	p.key(kb.Enter)
	p.waitFor(`!document.querySelector("#nav").hidden`, "signed in")
}

// checkScreen runs axe-core at WCAG 2.2 AA on the screen, checks that it
// does not scroll sideways at 320 CSS pixels or at 200% zoom, and takes a
// screenshot named name.
func (p *portal) checkScreen(name string) {
	p.t.Helper()
	p.t.Logf("%s: %s", p.who, name)
	if !eval[bool](p, `typeof axe !== "undefined"`) {
		p.do(chromedp.Evaluate[chromedp.Void](p.axe))
	}
	result := eval[string](p, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
		.then(r => JSON.stringify({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.html.slice(0, 160))}))}))`)
	var axeResult struct {
		Passes     int
		Violations json.RawMessage
	}
	if err := json.Unmarshal([]byte(result), &axeResult); err != nil || axeResult.Passes == 0 {
		// No rule passed: axe did not look at the page.
		p.t.Fatalf("%s: axe-core did not check %s: %v %s", p.who, name, err, result)
	}
	if violations := string(axeResult.Violations); violations != "[]" {
		var pretty any
		_ = json.Unmarshal([]byte(violations), &pretty)
		out, _ := json.MarshalIndent(pretty, "", "  ")
		p.t.Errorf("%s: axe-core finds WCAG 2.2 AA violations on %s:\n%s", p.who, name, out)
	}
	// 320 CSS pixels wide (WCAG's reflow width), then a 1280-pixel window at
	// 200% zoom: 640 CSS pixels, each two device pixels.
	for _, v := range []struct {
		width int64
		scale float64
		name  string
	}{{320, 1, "320px"}, {640, 2, "200% zoom"}} {
		p.do(chromedp.EmulateViewport(v.width, height, chromedp.EmulateScale(v.scale)))
		if wide := eval[bool](p, `document.documentElement.scrollWidth > document.documentElement.clientWidth`); wide {
			w := eval[string](p, `document.documentElement.scrollWidth + " > " + document.documentElement.clientWidth`)
			p.t.Errorf("%s: %s scrolls sideways at %s (%s)", p.who, name, v.name, w)
		}
		if v.width == 320 {
			p.screenshot(name + "-320")
		}
	}
	p.do(chromedp.EmulateViewport(desktopWidth, height))
	p.screenshot(name)
}

// phoneShot photographs what a phone 390 CSS pixels wide shows first of
// the screen, for the README.
func (p *portal) phoneShot(name string) {
	p.t.Helper()
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(filepath.Join(p.dir, name+".png"), shot, 0o644)
	}
	if err != nil {
		p.t.Fatalf("%s: screenshot %s: %v", p.who, name, err)
	}
	p.do(chromedp.EmulateViewport(desktopWidth, height))
}

func (p *portal) screenshot(name string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("%s: screenshot %s: %v", p.who, name, err)
	}
	if err := os.WriteFile(filepath.Join(p.dir, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *portal) text() string {
	return eval[string](p, `document.querySelector("main").innerText`)
}

// TestPortalJourneys runs the three journeys of issue 18 in one browser: a
// child reads their plan, opens a glossary word, fills in and sends their
// form, is signed out mid-form and keeps what they typed, and sees the IRO's
// reply; a parent reads the plan; the IRO works through their caseload.
func TestPortalJourneys(t *testing.T) {
	chromium := chromiumPath(t)
	axe := axeSource(t)
	dir := os.Getenv("KITE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	t.Cleanup(srv.Close)

	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(desktopWidth, height),
	)
	t.Cleanup(cancel)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	// The child, up to sending the form.
	child := open(t, browser, srv.URL, axe, dir, "child.demo")
	child.checkScreen("sign-in")
	child.signIn("child.demo")
	child.heading("Hello, Jamie")
	if text := child.text(); !strings.Contains(text, "It must happen by") && !strings.Contains(text, "It should have happened by") {
		t.Errorf("the child's home does not say when the next review must happen by:\n%s", text)
	}
	child.checkScreen("child-home")
	child.phoneShot("phone-child-home")

	child.press("I need to talk to someone today")
	child.heading("I need to talk to someone today")
	child.checkScreen("child-talk")

	child.press("My plan")
	child.heading("My plan")
	child.tabTo(`a.classList.contains("term")`, "a glossary word")
	word := eval[string](child, `document.activeElement.textContent`)
	child.key(kb.Enter)
	child.waitFor(`[...document.querySelectorAll(".meaning")].some(m => !m.hidden && m.textContent.length > 10)`, "the meaning of "+word)
	child.checkScreen("child-plan")

	child.press("My form")
	child.waitFor(`document.querySelector("form.form") !== null`, "the form")
	child.tabTo(`a.tagName === "TEXTAREA"`, "the first question")
	// The demo child has a draft already: select what it says and type over it.
	child.do(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	child.key("I like my football club.")
	child.waitFor(`document.querySelector(".saved").textContent.startsWith("Saved")`, "the draft saved")

	// The session ends (as when the child signs out on another device that
	// shares it): the portal tries one refresh, then asks for a sign-in,
	// keeping the words.
	if _, err := s.App.Sessions.Logout(context.Background(), child.refreshCookie()); err != nil {
		t.Fatal(err)
	}
	child.key(" We won on Saturday.")
	child.heading("Sign in to Kite")
	if text := child.text(); !strings.Contains(text, "What you typed is kept") {
		t.Errorf("after the session ended, the sign-in screen does not say the words are kept:\n%s", text)
	}
	child.signIn("child.demo")
	child.waitFor(`[...document.querySelectorAll("textarea")].some(t => t.value === "I like my football club. We won on Saturday.")`, "the kept words")
	child.waitFor(`document.querySelector(".saved").textContent.startsWith("Saved")`, "the kept words saved")
	child.checkScreen("child-form")
	child.phoneShot("phone-child-form")

	child.tabTo(`a.name === "share"`, "who can see this")
	if eval[string](child, `document.activeElement.value`) != "CHAIR_ONLY" {
		// Arrow keys move through a radio group; the first is chair only.
		child.key(kb.ArrowUp)
	}
	child.key(" ")
	child.waitFor(`document.querySelector(".who") && document.querySelector(".who").innerText.includes("Who will see this")`, "who will see it")
	child.press("Send it")
	child.waitFor(`document.activeElement && document.activeElement.id === "confirm-title"`, "the question before sending")
	child.checkScreen("child-before-sending")
	child.press("Yes, send it")
	child.heading("Sent")
	child.checkScreen("child-sent")

	// The IRO, in another browser, works through the caseload and replies.
	iro := open(t, browser, srv.URL, axe, dir, "iro.demo")
	iro.signIn("iro.demo")
	iro.heading("My caseload")
	iro.checkScreen("iro-caseload")
	iro.press("Unread views")
	iro.heading("Unread views")
	iro.checkScreen("iro-unread")
	iro.tabTo(`a.textContent.startsWith("Jamie, sent")`, "what Jamie sent")
	iro.key(kb.Enter)
	iro.heading("From Jamie")
	if !strings.Contains(iro.text(), "I like my football club. We won on Saturday.") {
		t.Errorf("the IRO does not see what Jamie wrote:\n%s", iro.text())
	}
	iro.checkScreen("iro-submission")
	iro.press("Mark as read")
	iro.waitFor(`document.querySelector("main").innerText.includes("First read")`, "marked read")
	iro.tabTo(`a.id === "reply"`, "the reply box")
	iro.key("Thank you Jamie. Let's talk about football at your review.")
	iro.press("Send the reply")
	iro.waitFor(`document.querySelector("main").innerText.includes("Your reply")`, "the reply sent")
	iro.press("Back to Jamie")
	iro.heading("Jamie")
	iro.checkScreen("iro-child")
	iro.press("Messages")
	iro.heading("Messages")
	iro.checkScreen("iro-messages")

	// The child sees the reply.
	child.press("What I sent")
	child.heading("What I sent")
	child.waitFor(`document.querySelector("main").innerText.includes("Thank you Jamie. Let's talk about football at your review.")`, "the reply")
	child.checkScreen("child-what-i-sent")
	child.press("Messages")
	child.heading("Messages")
	child.checkScreen("child-messages")
	child.press("Sign out")
	child.heading("Sign in to Kite")

	// A parent reads the plan.
	parent := open(t, browser, srv.URL, axe, dir, "parent.demo")
	parent.signIn("parent.demo")
	parent.waitFor(`(document.querySelector("main h1")||{textContent:""}).textContent.endsWith("plan")`, "the plan")
	if text := parent.text(); !strings.Contains(text, "The next meetings") || !strings.Contains(text, "What people will do") {
		t.Errorf("the parent's plan lacks the meeting or the actions:\n%s", text)
	}
	parent.tabTo(`a.classList.contains("term")`, "a glossary word")
	parent.key(" ")
	parent.waitFor(`[...document.querySelectorAll(".meaning")].some(m => !m.hidden)`, "a meaning")
	parent.checkScreen("parent-plan")
	parent.press("My views")
	parent.waitFor(`document.querySelector("form.form") !== null`, "the parent form")
	parent.checkScreen("parent-form")
}

// refreshCookie is the browser's refresh cookie, which the page itself
// cannot read (HttpOnly).
func (p *portal) refreshCookie() string {
	p.t.Helper()
	r, err := chromedp.Call(p.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{p.base + "/auth/browser/refresh"}})
	if err != nil {
		p.t.Fatal(err)
	}
	for _, c := range r.Cookies {
		if c.Name == "kite_refresh" {
			if !c.HTTPOnly || c.SameSite != network.CookieSameSiteStrict || c.Path != "/auth/browser/" {
				p.t.Errorf("%s: refresh cookie %+v: want HttpOnly, SameSite=Strict, Path=/auth/browser/", p.who, c)
			}
			return c.Value
		}
	}
	p.t.Fatalf("%s: no refresh cookie", p.who)
	return ""
}
