package store

import "math/rand"

// Store holds the quotes in memory.
type Store struct{ quotes []string }

func New() *Store { return &Store{quotes: []string{"Simplicity is complicated."}} }

func (s *Store) Random() string { return s.quotes[rand.Intn(len(s.quotes))] }
