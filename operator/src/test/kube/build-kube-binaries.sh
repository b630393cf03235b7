#!/usr/bin/env bash
# Builds the binaries of the real-API-server and real-control-plane tests from the Go module proxy,
# into the directory fabric8 kube-api-test reads in offline mode:
#
#   ${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/<K8S_VERSION>-<os>-<arch>/
#     etcd, kube-apiserver, kubectl      kube-api-test starts etcd and kube-apiserver (kubectl is its
#                                        readiness probe)
#     kube-controller-manager,           the tests' control plane starts them next to the API server
#     kube-scheduler, kwok               (kwok plays the nodes and the pods, configured by kwok/stages.yaml)
#     crds/keda.sh_scaledobjects.yaml    KEDA's ScaledObject CRD, taken out of KEDA's Go module zip (no
#                                        KEDA binary: the tests check what the API server accepts)
#
# Idempotent: builds only what is missing, and nothing when all of it is there. Each binary lands
# there only once built and checked; kube-api-test's three appear together.
# The versions are pinned here and in kubernetes/go.mod, etcd/go.mod and kwok/go.mod (with their
# go.sum); change them together. Needs Go >= 1.26 and the Go module proxy (GOPROXY).
#
# Usage: build-kube-binaries.sh           build what is missing
#        build-kube-binaries.sh --check   exit 0 when all the binaries are there, 1 when not
#        build-kube-binaries.sh --dir     print the binaries' directory
set -euo pipefail

K8S_VERSION=1.37.2   # k8s.io/kubernetes v1.37.2, staging modules at v0.37.2 (kubernetes/go.mod)
ETCD_VERSION=3.6.16  # go.etcd.io/etcd/server/v3 v3.6.16 (etcd/go.mod)
KWOK_VERSION=0.8.0   # sigs.k8s.io/kwok v0.8.0 (kwok/go.mod; kwok/stages.yaml is taken from its stages)
KEDA_VERSION=2.21.1  # github.com/kedacore/keda/v2 v2.21.1: its CRDs only
KEDA_SUM=h1:AoPpnkEeuSYUb1dAqQO5Pud9BpCPiOqurnKtnKobl6Q= # the module zip's hash, as go.sum would hold it
GO_MIN_MINOR=26      # the go.mod files say go 1.26.0

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
api_server_binaries=(etcd kube-apiserver kubectl)
control_plane_binaries=(kube-controller-manager kube-scheduler kwok)
keda_crd=crds/keda.sh_scaledobjects.yaml

present() { # binary names
  local b
  for b in "$@"; do [[ -x "$out/$b" ]] || return 1; done
}

all_present() { present "${api_server_binaries[@]}" "${control_plane_binaries[@]}" && [[ -f "$out/$keda_crd" ]]; }

case "${1:-}" in
  --check) all_present; exit ;;
  --dir) echo "$out"; exit 0 ;;
  "") ;;
  *) fail "unknown argument '$1' (expected nothing, --check or --dir)" ;;
esac

if all_present; then
  step "up to date: Kubernetes v$K8S_VERSION, etcd v$ETCD_VERSION, kwok v$KWOK_VERSION and KEDA v$KEDA_VERSION's CRD in $out"
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
  if all_present; then step "built meanwhile by another process: $out"; exit 0; fi
fi

# go.mod and go.sum are committed: never rewrite them, fail if they don't match.
export GOFLAGS="${GOFLAGS:-} -mod=readonly"
export CGO_ENABLED=0
# A name that does not end in the platform suffix, so kube-api-test never picks a half-built dir.
work="$base/k8s/.partial-$K8S_VERSION-$os-$arch"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT # removes what a failed build left

downloaded=" "
download() { # module dir, what (once per run)
  [[ "$downloaded" == *" $1 "* ]] && return
  downloaded+="$1 "
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
  "$work/$name" --version >/dev/null 2>&1 || "$work/$name" version --client >/dev/null 2>&1 \
    || fail "the built $name does not run"
  step "built $name in $((SECONDS - started)) s, $(du -h "$work/$name" | cut -f1)"
}

publish() { # binary names: from $work into $out; a missing $out appears with all of them at once
  local b
  if [[ -d "$out" ]]; then
    for b in "$@"; do mv -f "$work/$b" "$out/$b"; done
  else
    mv "$work" "$out"
    mkdir -p "$work"
  fi
}

k8s_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ldflags+=" -X $pkg.gitVersion=v$K8S_VERSION -X $pkg.gitMajor=${K8S_VERSION%%.*}"
  k8s_ldflags+=" -X $pkg.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION") -X $pkg.gitTreeState=clean"
done

build_kubernetes() { # binary name (a command of k8s.io/kubernetes)
  build "$here/kubernetes" "k8s.io/kubernetes/cmd/$1" "$1" "Kubernetes v$K8S_VERSION" -ldflags "$k8s_ldflags"
}

if ! present "${api_server_binaries[@]}"; then
  download "$here/etcd" "etcd v$ETCD_VERSION"
  download "$here/kubernetes" "Kubernetes v$K8S_VERSION"
  build "$here/etcd" go.etcd.io/etcd/server/v3 etcd "etcd v$ETCD_VERSION" -ldflags "-s -w"
  build_kubernetes kube-apiserver
  build_kubernetes kubectl
  publish "${api_server_binaries[@]}"
fi
for name in kube-controller-manager kube-scheduler; do # the scheduler takes seconds once the controller-manager is built
  if ! present "$name"; then
    download "$here/kubernetes" "Kubernetes v$K8S_VERSION"
    build_kubernetes "$name"
    publish "$name"
  fi
done
if ! present kwok; then
  download "$here/kwok" "kwok v$KWOK_VERSION"
  build "$here/kwok" sigs.k8s.io/kwok/cmd/kwok kwok "kwok v$KWOK_VERSION" \
    -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=v$KWOK_VERSION"
  publish kwok
fi
if [[ ! -f "$out/$keda_crd" ]]; then
  step "downloading KEDA v$KEDA_VERSION's Go module through the module proxy, for its ScaledObject CRD"
  # KEDA's go.mod asks for a newer Go than the one building here, so go reports an error for the
  # module; the zip is downloaded and checked against the checksum database all the same. Outside any
  # module (in $work), and with this toolchain: nothing else is downloaded.
  keda_json="$(cd "$work" && GOTOOLCHAIN=local go mod download -json "github.com/kedacore/keda/v2@v$KEDA_VERSION" || true)"
  keda_zip="$(sed -n 's/^[[:space:]]*"Zip": "\(.*\)",\{0,1\}$/\1/p' <<<"$keda_json")"
  keda_sum="$(sed -n 's/^[[:space:]]*"Sum": "\(.*\)",\{0,1\}$/\1/p' <<<"$keda_json")"
  [[ -n "$keda_zip" && -f "$keda_zip" ]] \
    || fail "downloading KEDA v$KEDA_VERSION's module failed (GOPROXY=$(go env GOPROXY)); go said: $keda_json"
  [[ "$keda_sum" == "$KEDA_SUM" ]] \
    || fail "KEDA v$KEDA_VERSION's module zip has hash $keda_sum, not the pinned $KEDA_SUM"
  entry="github.com/kedacore/keda/v2@v$KEDA_VERSION/config/crd/bases/keda.sh_scaledobjects.yaml"
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$keda_zip" "$entry" >"$work/keda.sh_scaledobjects.yaml" || fail "no $entry in $keda_zip"
  else
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
      "$keda_zip" "$entry" >"$work/keda.sh_scaledobjects.yaml" || fail "cannot take $entry out of $keda_zip (unzip or python3 needed)"
  fi
  grep -q '^  name: scaledobjects.keda.sh$' "$work/keda.sh_scaledobjects.yaml" \
    || fail "$entry is not KEDA's ScaledObject CRD"
  mkdir -p "$out/crds"
  mv -f "$work/keda.sh_scaledobjects.yaml" "$out/$keda_crd"
  step "took KEDA v$KEDA_VERSION's ScaledObject CRD: $out/$keda_crd"
fi
step "done: $out"
