//go:build tools

package main

import _ "golang.org/x/tools/cmd/stringer"
