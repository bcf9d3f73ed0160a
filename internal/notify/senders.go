package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// LogSender writes messages to the log instead of sending them. Development
// only: production refuses to start without KITE_SMTP_URL.
type LogSender struct{ Logger *slog.Logger }

// Send logs who the message is for and its subject.
func (s LogSender) Send(ctx context.Context, m Message) error {
	s.Logger.InfoContext(ctx, "notification (development: not sent)", "to", m.To, "subject", m.Subject)
	return nil
}

// SMTPSender sends through an SMTP server given as
// smtp://user:password@host:port?from=address (STARTTLS when the server
// offers it) or smtps://… (TLS from the start).
type SMTPSender struct {
	URL *url.URL
	// Timeout bounds one delivery attempt.
	Timeout time.Duration
}

// Send delivers m.
func (s SMTPSender) Send(ctx context.Context, m Message) error {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	host := s.URL.Hostname()
	addr := s.URL.Host
	if s.URL.Port() == "" {
		addr = net.JoinHostPort(host, map[bool]string{true: "465", false: "587"}[s.URL.Scheme == "smtps"])
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("smtp: dial: %w", err)
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	if s.URL.Scheme == "smtps" {
		conn = tls.Client(conn, &tls.Config{ServerName: host})
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok && s.URL.Scheme == "smtp" {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("smtp: starttls: %w", err)
		}
	}
	if u := s.URL.User; u != nil {
		pw, _ := u.Password()
		if err := c.Auth(smtp.PlainAuth("", u.Username(), pw, host)); err != nil {
			return fmt.Errorf("smtp: auth: %w", err)
		}
	}
	from := s.URL.Query().Get("from")
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("smtp: mail from: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return fmt.Errorf("smtp: rcpt: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp: data: %w", err)
	}
	if _, err := w.Write([]byte(format(from, m))); err != nil {
		return fmt.Errorf("smtp: write: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp: send: %w", err)
	}
	return c.Quit()
}

// format writes a plain-text email. Header values come from fixed text and
// addresses, never user input, but newlines are stripped all the same.
func format(from string, m Message) string {
	clean := func(s string) string { return strings.NewReplacer("\r", "", "\n", "").Replace(s) }
	return "From: " + clean(from) + "\r\n" +
		"To: " + clean(m.To) + "\r\n" +
		"Subject: " + clean(m.Subject) + "\r\n" +
		messageID(m.ID, from) +
		"Date: " + time.Now().UTC().Format(time.RFC1123Z) + "\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(m.Body, "\n", "\r\n")
}

// messageID is the Message-ID header of a notification's email: its id at
// the sender's domain, so that every attempt at one notification carries
// the same id.
func messageID(id, from string) string {
	if id == "" {
		return ""
	}
	domain := "kite.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 && at < len(from)-1 {
		domain = from[at+1:]
	}
	clean := strings.NewReplacer("\r", "", "\n", "", ">", "", "<", "").Replace
	return "Message-ID: <" + clean(id) + "@" + clean(domain) + ">\r\n"
}
