# Build and install dockslim with its shell completions and man page.
#   make                                   the release binary (Swift stdlib linked in)
#   make install PREFIX=/usr/local DESTDIR=
#   make uninstall PREFIX=/usr/local DESTDIR=
# Needs a Swift 6 toolchain; without one, use the image (see the README).
PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?= -c release --static-swift-stdlib --product dockslim

BINDIR := $(DESTDIR)$(PREFIX)/bin
BASH_COMPLETION_DIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_COMPLETION_DIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
MAN1DIR := $(DESTDIR)$(PREFIX)/share/man/man1

BUILT := .build/install
BIN = $(shell $(SWIFT) build $(SWIFT_BUILD_FLAGS) --show-bin-path)/dockslim

.PHONY: all build install uninstall clean
all: build

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)
	mkdir -p $(BUILT)
	cp "$(BIN)" $(BUILT)/dockslim
	$(BUILT)/dockslim completions bash > $(BUILT)/dockslim.bash
	$(BUILT)/dockslim completions zsh > $(BUILT)/_dockslim
	$(BUILT)/dockslim completions fish > $(BUILT)/dockslim.fish
	$(BUILT)/dockslim man > $(BUILT)/dockslim.1

install: build
	install -d "$(BINDIR)" "$(BASH_COMPLETION_DIR)" "$(ZSH_COMPLETION_DIR)" "$(FISH_COMPLETION_DIR)" "$(MAN1DIR)"
	install -m 755 -s $(BUILT)/dockslim "$(BINDIR)/dockslim"
	install -m 644 $(BUILT)/dockslim.bash "$(BASH_COMPLETION_DIR)/dockslim"
	install -m 644 $(BUILT)/_dockslim "$(ZSH_COMPLETION_DIR)/_dockslim"
	install -m 644 $(BUILT)/dockslim.fish "$(FISH_COMPLETION_DIR)/dockslim.fish"
	install -m 644 $(BUILT)/dockslim.1 "$(MAN1DIR)/dockslim.1"

uninstall:
	rm -f "$(BINDIR)/dockslim" "$(BASH_COMPLETION_DIR)/dockslim" "$(ZSH_COMPLETION_DIR)/_dockslim" \
	  "$(FISH_COMPLETION_DIR)/dockslim.fish" "$(MAN1DIR)/dockslim.1"

clean:
	rm -rf $(BUILT)
