package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"kite/internal/progress"
	"os"
	"path/filepath"
	"strings"
)

// ErrBackupPostgres is Backup's answer for a PostgreSQL database: the
// server's own tools do that job.
var ErrBackupPostgres = errors.New("store: backup is for the embedded SQLite database; " +
	"back up PostgreSQL with pg_dump (for example pg_dump --format=custom --file=kite.dump \"$KITE_DATABASE\")")

// Backup writes a consistent copy of the embedded database to dest, a file
// that must not exist yet. It is safe while the server runs: VACUUM INTO
// reads one snapshot (a WAL read transaction, which blocks no writer) and
// writes a compact copy holding every transaction committed before it
// began. The copy is made under a temporary name in dest's folder, synced,
// checked (it opens and passes PRAGMA integrity_check), and only then given
// its name, so a failed or interrupted backup never leaves a partial file
// under dest. PostgreSQL is refused with ErrBackupPostgres.
func (s *Store) Backup(ctx context.Context, dest string) (err error) {
	if s.Dialect == dialectPostgres {
		return ErrBackupPostgres
	}
	if dest == "" {
		return errors.New("store: backup: no destination file given")
	}
	// An absolute path: VACUUM INTO would read "file:…" as a URI.
	dest, err = filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("store: backup: %s already exists; give a new file name", dest)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: backup: %w", err)
	}
	dir := filepath.Dir(dest)
	// CreateTemp reserves a unique name; VACUUM INTO accepts an empty file.
	f, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".partial-*")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer func() {
		if err != nil {
			removeDatabaseFiles(tmp)
		}
	}()

	meter := progress.From(ctx)
	defer meter.Done()
	meter.Show("backup: copying the database")
	if _, err := s.DB.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("store: backup: vacuum into %s: %w", tmp, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	meter.Show("backup: checking the copy")
	if err := checkBackup(ctx, tmp); err != nil {
		return err
	}
	// Link, unlike rename, never replaces a file that appeared meanwhile.
	if err := os.Link(tmp, dest); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store: backup: %s already exists; give a new file name", dest)
		}
		// A file system without hard links: rename, having checked above.
		if err := os.Rename(tmp, dest); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
	} else {
		_ = os.Remove(tmp)
	}
	if err := syncFile(dir); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// checkBackup opens a finished copy on its own and runs the full integrity
// check. Closing the only connection checkpoints and removes any -wal and
// -shm files it made, so the copy is one self-contained file.
func checkBackup(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return fmt.Errorf("store: backup: open the copy: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: backup: check the copy: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("store: backup: check the copy: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: backup: check the copy: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: backup: the copy failed its integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// syncFile flushes a file or folder to stable storage.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func removeDatabaseFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}
