package store

import (
	"context"
	"database/sql"
	"fmt"

	"kite/internal/domain"
)

// Data upgrades: changes to rows that a new column needs, run after the
// schema is brought up to date on either database. Each is idempotent and
// touches only rows not yet upgraded, so running it at every start is safe
// and cheap once done.

// upgradeData runs every data upgrade.
func (s *Store) upgradeData(ctx context.Context) error {
	if err := s.codePlanEndReasons(ctx); err != nil {
		return err
	}
	return s.stageOldAlerts(ctx)
}

// stageOldAlerts gives alerts raised before the dispute-resolution stages
// were recorded the stage their level starts at (a formal escalation is at
// the team manager's stage; an informal alert already has INFORMAL, the
// column's default), and the role of the chair who raised them, as it is
// now. An alert raised since has its stage history, and its role.
func (s *Store) stageOldAlerts(ctx context.Context) error {
	for _, q := range []string{
		`UPDATE alerts SET stage = '` + string(domain.StageForLevel(domain.FormalEscalation)) + `'
			WHERE level = '` + string(domain.FormalEscalation) + `' AND stage = '` + string(domain.StageInformal) + `' AND stage_history IS NULL`,
		`UPDATE alerts SET raised_by_role = (SELECT role FROM users WHERE users.id = alerts.raised_by_id)
			WHERE raised_by_role IS NULL`,
	} {
		if _, err := s.DB.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: upgrade alerts to stages: %w", err)
		}
	}
	return nil
}

// codePlanEndReasons gives ended plans recorded before end reasons were
// coded the code their words clearly say ("Adopted" → ADOPTION:
// domain.EndReasonFromText). Plans whose words say none keep their words and
// no code ("not recorded" in the figures).
func (s *Store) codePlanEndReasons(ctx context.Context) error {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, kind, end_reason FROM plans
		WHERE end_reason_code IS NULL AND ends_on IS NOT NULL AND end_reason IS NOT NULL AND end_reason <> ''`)
	if err != nil {
		return fmt.Errorf("store: upgrade plan end reasons: %w", err)
	}
	coded := map[string]domain.PlanEndReason{}
	for rows.Next() {
		var id, kind string
		var words sql.NullString
		if err := rows.Scan(&id, &kind, &words); err != nil {
			rows.Close()
			return fmt.Errorf("store: upgrade plan end reasons: %w", err)
		}
		if code, ok := domain.EndReasonFromText(domain.PlanKind(kind), words.String); ok {
			coded[id] = code
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("store: upgrade plan end reasons: %w", err)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: upgrade plan end reasons: %w", err)
	}
	set := "UPDATE plans SET end_reason_code = ? WHERE id = ? AND end_reason_code IS NULL"
	if s.Dialect == dialectPostgres {
		set = "UPDATE plans SET end_reason_code = $1 WHERE id = $2 AND end_reason_code IS NULL"
	}
	for id, code := range coded {
		if _, err := s.DB.ExecContext(ctx, set, string(code), id); err != nil {
			return fmt.Errorf("store: upgrade plan end reasons: %w", err)
		}
	}
	return nil
}
