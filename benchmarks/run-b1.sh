#!/usr/bin/env bash
# B1 side by side: Tensile's Panama GEMM on JDK 17 and 25, its scalar GEMM, and NumPy's BLAS, each in
# GemmBench's line format. Each system runs under the shared build lock, one after another.
# Debian's default OpenBLAS is the OpenMP build, which ignores OPENBLAS_NUM_THREADS: OMP_NUM_THREADS sets its threads.
# Usage: benchmarks/run-b1.sh [sizes] [threads] [layouts]   (build first: mvn -q -pl framework-core package -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sizes="${1:-256,512,1024,2048}"
threads="${2:-1,2}"
layouts="${3:-NN,NT,TN}"
cp="$here/../framework-core/target/classes"
lock="flock /tmp/tensile-build.lock"
load() { echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg) (1-minute average, this benchmark included; on 2 cores, well above 2 means other processes competed)"; }
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"

lscpu | grep -E "Model name|L1d|L2|L3" | sed 's/^/# /'
echo "# JDK 17: $(java -version 2>&1 | head -n 1)"; load
$lock java --add-modules jdk.incubator.vector -cp "$cp" dev.tensile.kernel.GemmBench "$sizes" "$threads" "$layouts" 2>/dev/null \
  | sed 's/^bench/jdk17-panama/'
if [ -x "$jdk25/bin/java" ]; then
  echo "# JDK 25: $("$jdk25/bin/java" -version 2>&1 | head -n 1)"; load
  $lock "$jdk25/bin/java" --add-modules jdk.incubator.vector -cp "$cp" dev.tensile.kernel.GemmBench \
    "$sizes" "$threads" "$layouts" 2>/dev/null | sed 's/^bench/jdk25-panama/'
fi
# The scalar kernel is slow: n <= 1024 keeps this run short.
load
scalar_sizes=$(echo "$sizes" | tr ',' '\n' | awk '$1 <= 1024' | paste -sd, -)
$lock java -Dtensile.gemm=scalar -cp "$cp" dev.tensile.kernel.GemmBench "$scalar_sizes" "$threads" "$layouts" 2>/dev/null \
  | sed 's/^bench/jdk17-scalar/'
if /usr/bin/python3 -c "import numpy" 2>/dev/null; then
  load
  for t in ${threads//,/ }; do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$t" OMP_NUM_THREADS="$t" \
      $lock /usr/bin/python3 "$here/numpy_gemm.py" "$sizes" "$t" "$layouts"
  done
fi
load
