#!/usr/bin/env bash
# Builds the binaries that fabric8 kube-api-test starts for the real-API-server tests
# (kube-apiserver, kubectl, etcd) from the Go module proxy, into the directory kube-api-test
# reads in offline mode:
#
#   ${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/<K8S_VERSION>-<os>-<arch>/{kube-apiserver,kubectl,etcd}
#
# kube-api-test needs all three: etcd and kube-apiserver run, kubectl is its readiness probe.
# Idempotent: does nothing when the three binaries of the pinned versions are there.
# The versions are pinned here and in apiserver/go.mod and etcd/go.mod (with their go.sum);
# change them together. Needs Go >= 1.26 and the Go module proxy (GOPROXY).
#
# Usage: build-kube-binaries.sh           build what is missing
#        build-kube-binaries.sh --check   exit 0 when the binaries are there, 1 when not
#        build-kube-binaries.sh --dir     print the binaries' directory
set -euo pipefail

K8S_VERSION=1.37.2   # k8s.io/kubernetes v1.37.2, staging modules at v0.37.2 (apiserver/go.mod)
ETCD_VERSION=3.6.16  # go.etcd.io/etcd/server/v3 v3.6.16 (etcd/go.mod)
GO_MIN_MINOR=26      # both go.mod files say go 1.26.0

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

step() { echo "[kube-binaries] $*"; }
fail() { echo "[kube-binaries] ERROR: $*" >&2; exit 1; }

# kube-api-test's platform suffix: "-" + lower-case os.name + "-" + amd64|arm64|ppc64le.
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) fail "unsupported OS $(uname -s)" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=amd64 ;;
  aarch64 | arm64) arch=arm64 ;;
  ppc64le) arch=ppc64le ;;
  *) fail "unsupported architecture $(uname -m)" ;;
esac

base="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
out="$base/k8s/$K8S_VERSION-$os-$arch"
binaries=(kube-apiserver kubectl etcd)

present() {
  local b
  for b in "${binaries[@]}"; do [[ -x "$out/$b" ]] || return 1; done
}

case "${1:-}" in
  --check) present; exit ;;
  --dir) echo "$out"; exit 0 ;;
  "") ;;
  *) fail "unknown argument '$1' (expected nothing, --check or --dir)" ;;
esac

if present; then
  step "up to date: kube-apiserver, kubectl v$K8S_VERSION and etcd v$ETCD_VERSION in $out"
  exit 0
fi

# --- Go toolchain -------------------------------------------------------------------------
command -v go >/dev/null 2>&1 \
  || fail "the Go toolchain (go >= 1.$GO_MIN_MINOR) is not on PATH; install it, then rerun $0"
go_version="$(go env GOVERSION 2>/dev/null)" || fail "'go env GOVERSION' failed: the Go toolchain is broken"
go_minor="$(sed -E 's/^go1\.([0-9]+).*/\1/' <<<"$go_version")"
[[ "$go_minor" =~ ^[0-9]+$ && "$go_minor" -ge "$GO_MIN_MINOR" ]] \
  || fail "Go $go_version is too old: go >= 1.$GO_MIN_MINOR is needed (or export GOTOOLCHAIN=go1.$GO_MIN_MINOR.x)"
step "Go $go_version, GOPROXY=$(go env GOPROXY)"

# One builder at a time (parallel test JVMs, two terminals).
mkdir -p "$base/k8s"
exec 9>"$base/k8s/.magnetar-build.lock"
if command -v flock >/dev/null 2>&1; then
  step "waiting for the build lock $base/k8s/.magnetar-build.lock"
  flock 9
  if present; then step "built meanwhile by another process: $out"; exit 0; fi
fi

# go.mod and go.sum are committed: never rewrite them, fail if they don't match.
export GOFLAGS="${GOFLAGS:-} -mod=readonly"
export CGO_ENABLED=0
# A name that does not end in the platform suffix, so kube-api-test never picks a half-built dir.
work="$base/k8s/.partial-$K8S_VERSION-$os-$arch"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT # gone after the final mv; removes a failed build

download() { # module dir, what
  step "downloading the Go modules of $2 through the module proxy"
  (cd "$1" && go mod download) \
    || fail "downloading the Go modules of $2 failed (GOPROXY=$(go env GOPROXY)); see the go output above"
}

build() { # module dir, package, binary name, what, extra go build args...
  local dir="$1" pkg="$2" name="$3" what="$4" started
  shift 4
  started=$SECONDS
  step "building $name ($what) - this takes minutes on 2 cores"
  (cd "$dir" && go build -trimpath "$@" -o "$work/$name" "$pkg") \
    || fail "go build of $name ($pkg in $dir) failed; see the go output above"
  step "built $name in $((SECONDS - started)) s, $(du -h "$work/$name" | cut -f1)"
}

k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X $pkg.gitVersion=v$K8S_VERSION -X $pkg.gitMajor=${K8S_VERSION%%.*}"
  k8s_ldflags+=" -X $pkg.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION") -X $pkg.gitTreeState=clean"
done

download "$here/etcd" "etcd v$ETCD_VERSION"
download "$here/apiserver" "Kubernetes v$K8S_VERSION"
build "$here/etcd" go.etcd.io/etcd/server/v3 etcd "etcd v$ETCD_VERSION" -ldflags "-s -w"
build "$here/apiserver" k8s.io/kubernetes/cmd/kube-apiserver kube-apiserver "Kubernetes v$K8S_VERSION" -ldflags "$k8s_ldflags"
build "$here/apiserver" k8s.io/kubernetes/cmd/kubectl kubectl "Kubernetes v$K8S_VERSION" -ldflags "$k8s_ldflags"

step "checking the binaries run"
"$work/etcd" --version >/dev/null || fail "the built etcd does not run"
"$work/kube-apiserver" --version >/dev/null || fail "the built kube-apiserver does not run"
"$work/kubectl" version --client >/dev/null || fail "the built kubectl does not run"

rm -rf "$out"
mv "$work" "$out"
step "done: $out"
