package store

import (
	"context"

	"github.com/jackc/pgx/v4"
	"github.com/jackc/tern/migrate"
)

// Migrate applies ./migrations at start.
func Migrate(ctx context.Context, conn *pgx.Conn) error {
	m, err := migrate.NewMigrator(ctx, conn, "schema_version")
	if err != nil {
		return err
	}
	if err := m.LoadMigrations("./migrations"); err != nil {
		return err
	}
	return m.Migrate(ctx)
}
