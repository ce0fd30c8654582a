#!/usr/bin/env bash
# Reproduces every figure of the results tables in README.md and docs/models.md: one `ser4j train` per row, each
# writing its metrics JSON and log to results/<name>.*, then prints each run's result line: UA with its bootstrap
# 95 % interval and macro-F1 pooled over the out-of-fold predictions, and the mean per-fold UA (the figure for
# leave-one-corpus-out).
# Takes about an hour on 2 cores (features are cached after the first run). Usage: scripts/results.sh [NAME...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="${SER4J_DATA:-$ROOT/../shared/datasets}"
OUT="${RESULTS:-$ROOT/results}"
mkdir -p "$OUT"

declare -A RUNS=(
  [ravdess_seed_rf]="--data $D/ravdess --labels ravdess --protocol kfold-speaker --features seed --model rf"
  [ravdess_full_svm]="--data $D/ravdess --labels ravdess --protocol kfold-speaker --features full@1 --model svm"
  [ravdess_full_svm_chan]="--data $D/ravdess --labels ravdess --protocol kfold-speaker --features full@1 --model svm --augment channel --copies 1"
  [ravdess_full_svm_sn]="--data $D/ravdess --labels ravdess --protocol kfold-speaker --features full@1 --model svm --adaptation plain"
  [ravdess_egemaps_svm_sn]="--data $D/ravdess --labels ravdess --protocol kfold-speaker --features egemaps --model svm --adaptation plain"
  [ravdess_full_linsvm_sn]="--data $D/ravdess --labels ravdess --protocol kfold-speaker --features full@1 --model svm-linear --adaptation plain"
  [emodb_seed_rf]="--data $D/emodb --labels emodb --protocol loso --features seed --model rf"
  [emodb_full_svm]="--data $D/emodb --labels emodb --protocol loso --features full@1 --model svm"
  [emodb_full_svm_chan]="--data $D/emodb --labels emodb --protocol loso --features full@1 --model svm --augment channel --copies 1"
  [emodb_full_svm_sn]="--data $D/emodb --labels emodb --protocol loso --features full@1 --model svm --adaptation plain"
  [emodb_egemaps_svm_sn]="--data $D/emodb --labels emodb --protocol loso --features egemaps --model svm --adaptation plain"
  [emodb_full_linsvm_sn]="--data $D/emodb --labels emodb --protocol loso --features full@1 --model svm-linear --adaptation plain"
  [crema_seed_rf]="--data $D/crema-d --labels crema-d --protocol kfold-speaker --features seed --model rf"
  [crema_full_svm]="--data $D/crema-d --labels crema-d --protocol kfold-speaker --features full@1 --model svm"
  [crema_full_svm_sn]="--data $D/crema-d --labels crema-d --protocol kfold-speaker --features full@1 --model svm --adaptation plain"
  [crema_egemaps_svm_sn]="--data $D/crema-d --labels crema-d --protocol kfold-speaker --features egemaps --model svm --adaptation plain"
  [loco_seed_rf]="--data $D --protocol cross-corpus --features seed --model rf"
  [loco_full_svm]="--data $D --protocol cross-corpus --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646"
  [loco_full_svm_sn]="--data $D --protocol cross-corpus --features full@1 --model svm --adaptation plain --hyper C=10 --hyper gamma=0.000646"
  # the whole pool, 7 classes: the shipped default model's configuration, and the single-clip comparisons
  [pool_full_svm]="--data $D --protocol kfold-speaker --folds 5 --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646"
  [pool_full2_svm]="--data $D --protocol kfold-speaker --folds 5 --features full --model svm --hyper C=10 --hyper gamma=0.000503"
  [pool_full_svm_chan]="--data $D --protocol kfold-speaker --folds 5 --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --augment channel --copies 1"
  [pool_full_svm_cmn]="--data $D --protocol kfold-speaker --folds 5 --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --param mfcc_norm=mean"
  [pool_full_svm_cmvn]="--data $D --protocol kfold-speaker --folds 5 --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --param mfcc_norm=meanvar"
  # adaptation to the speaker: plain per-speaker standardisation against the shipped relative method (channel copies)
  [pool_full_svm_chan_plain]="--data $D --protocol kfold-speaker --folds 5 --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --augment channel --copies 1 --adaptation plain"
  [pool_full_svm_chan_relative]="--data $D --protocol kfold-speaker --folds 5 --features full@1 --model svm --hyper C=10 --hyper gamma=0.000323 --augment channel --copies 1 --adaptation relative"
  [loco_full_svm_chan_relative]="--data $D --protocol cross-corpus --features full@1 --model svm --hyper C=10 --hyper gamma=0.000323 --augment channel --copies 1 --adaptation relative"
  [loco_full_svm_chan]="--data $D --protocol cross-corpus --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --augment channel --copies 1"
  [loco_full_svm_cmn]="--data $D --protocol cross-corpus --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --param mfcc_norm=mean"
  [loco_full_svm_cmvn]="--data $D --protocol cross-corpus --features full@1 --model svm --hyper C=10 --hyper gamma=0.000646 --param mfcc_norm=meanvar"
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(printf '%s\n' "${!RUNS[@]}" | sort))
for n in "${names[@]}"; do
  [ -f "$OUT/$n.log" ] && grep -q '^result:' "$OUT/$n.log" \
    || "$ROOT/bin/ser4j" train ${RUNS[$n]} --json "$OUT/$n.json" > "$OUT/$n.log" 2>&1
  echo "$n $(grep '^result:' "$OUT/$n.log")"
done
