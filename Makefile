# Đầu mối ATTT — build, run and test.
#
#   make run    installs what is missing, builds, opens the app
#   make test   installs what tests need, runs every test (under the race
#               detector where timing does not matter; see below)
#   make test-quick   every test without the race detector, quicker
#   make bench  runs the benchmarks named in the issues (among them every
#               screen and search box on 10,000 assets and 80,000 findings:
#               app/gui BenchmarkOpenScreen, BenchmarkSearch,
#               BenchmarkFindingsList), the evidence import
#               against the age CLI (1 GiB) and bundle verification against
#               sha256sum (500 MB), side by side
#   make fuzz   runs every fuzzer for FUZZTIME (default 20s) each
#   make dist   builds the release into dist/: the Windows installer and
#               portable zip, the .deb, SHA256SUMS (signed with minisign when
#               RELEASE_KEY=path/to/minisign.key is given); reproducible
#   make test-dist     builds the release again elsewhere, compares the bytes,
#                      installs and runs the .deb
#   make test-windows  installs and runs the Windows release in dist/ under
#                      Wine, and the data layer's tests built for Windows
#                      (make dist first: make dist test-windows)
#   make bench-startup times launch to first window, cold and warm, of the
#                      Linux and the Windows (Wine) builds in dist/
#
# Both install Debian/Ubuntu packages when they are missing (through sudo when
# not root). Go must already be installed.

GO       ?= go
BIN      := bin/daumoi
APT      := packaging/dev/ensure-apt.sh
# Fyne needs OpenGL and X11 headers to build.
RUN_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
# Tests also need a real X server, window tools, a real keyring, PDF tools.
TEST_PKGS := $(RUN_PKGS) xvfb xdotool xclip imagemagick dbus dbus-x11 gnome-keyring \
             poppler-utils qpdf minisign age zip unzip jq softhsm2 opensc
# Per-package timeout: the crash-safety and real-window tests take minutes.
TEST_FLAGS ?= -timeout 30m

# make dist cross-builds Windows with mingw and packs with NSIS; the Windows
# tests run it under Wine (64-bit only) in a virtual X display.
DIST_PKGS := $(RUN_PKGS) gcc-mingw-w64-x86-64 nsis zip unzip git minisign
WINE_PKGS := $(DIST_PKGS) wine wine64 xvfb xdotool imagemagick

.PHONY: run build test test-quick bench fuzz deps-run deps-test vet fmt-check clean dist test-dist test-windows bench-startup

# make run opens the app on a demo vault kept in the working tree (created on
# first use), so that trying the app never touches a real vault.
DEMO_VAULT      ?= $(CURDIR)/.demo-vault
DEMO_PASSPHRASE ?= demo-vinhlong-2026

run: deps-run build
	@if [ -e "$(DEMO_VAULT)/vault.header" ] && grep -aq '"version":1,' "$(DEMO_VAULT)/vault.header"; then \
		echo "Kho mẫu cũ (định dạng 1) — tạo lại / old-format demo vault: recreating"; rm -rf "$(DEMO_VAULT)"; \
	fi
	@if [ ! -e "$(DEMO_VAULT)/vault.header" ]; then \
		echo "Tạo kho dữ liệu mẫu / creating the demo vault in $(DEMO_VAULT) ..."; \
		DAUMOI_PASSPHRASE='$(DEMO_PASSPHRASE)' ./$(BIN) demo --vault "$(DEMO_VAULT)"; \
	fi
	@echo "Kho mẫu / demo vault: $(DEMO_VAULT)"
	@echo "Người dùng / users: demo-focal, demo-it, demo-manager — mật khẩu / passphrase: $(DEMO_PASSPHRASE)"
	DAUMOI_VAULT="$(DEMO_VAULT)" ./$(BIN)

build:
	$(GO) build -o $(BIN) .

deps-run:
	@$(APT) $(RUN_PKGS)

deps-test:
	@$(APT) $(TEST_PKGS)

# make test runs every test once. The Go packages of data/, reports/ and app/
# run under the race detector, except the layout walks (TestLayout*: some two
# hundred screens rendered to images, no work off the UI thread; under the
# race detector app/gui took 1105 s with them, 795 s without, measured on
# 04/12/2026) and the timed checks (TestPerf*: figures under the race
# detector mean nothing), which run without it, as do the real-window smoke
# test (a built binary, not a test of Go code) and the packages outside
# data/, reports/ and app/. Running each test once instead of the whole tree
# twice (plain, then under the race detector) keeps CI within its budget.
RACE_PKGS   ?= $(shell $(GO) list ./data/... ./reports/... ./app/... | grep -v -e /app/smoke)
RACE_SKIP   ?= ^(TestLayout|TestPerf)
NORACE_PKGS ?= $(filter-out $(RACE_PKGS),$(shell $(GO) list ./...))
# TIMED_PKGS: the packages holding tests that RACE_SKIP names.
TIMED_PKGS  ?= $(sort $(foreach f,$(shell grep -rlE --include='*_test.go' '^func (TestLayout|TestPerf)' data reports app),./$(dir $(f))))
test: deps-test
	packaging/dev/with-keyring.sh $(GO) test -race -skip '$(RACE_SKIP)' $(TEST_FLAGS) $(RACE_PKGS)
	packaging/dev/with-keyring.sh $(GO) test -run '$(RACE_SKIP)' $(TEST_FLAGS) $(TIMED_PKGS)
	packaging/dev/with-keyring.sh $(GO) test $(TEST_FLAGS) $(NORACE_PKGS)

# test-quick runs every test without the race detector (a few minutes on a
# warm cache): for a developer between changes; CI runs make test.
test-quick: deps-test
	packaging/dev/with-keyring.sh $(GO) test $(TEST_FLAGS) ./...

bench: deps-test
	packaging/dev/with-keyring.sh $(GO) test $(TEST_FLAGS) -run '^$$' -bench . -benchmem ./...
	packaging/bench/evidence-vs-age.sh 1024
	packaging/bench/verify-vs-sha256sum.sh 500

# fuzz runs each fuzz target in turn. Minimisation is off: several targets
# (whole imports into a vault, the shipped packs as seeds) take minutes to
# minimise one input, which would eat the whole time budget.
FUZZTIME ?= 20s
fuzz:
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' .); do \
		pkg=./$$(dirname $$f); \
		for name in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
			echo "== $$pkg $$name"; \
			$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 0 $$pkg || exit 1; \
		done; \
	done

dist:
	@$(APT) $(DIST_PKGS)
	packaging/dist.sh

test-dist: dist
	packaging/test-dist.sh

bench-startup:
	@$(APT) $(WINE_PKGS)
	packaging/startup.sh

test-windows:
	@$(APT) $(WINE_PKGS)
	packaging/wine/test-windows.sh
	packaging/wine/test-data.sh

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin artifacts dist .wine-test
