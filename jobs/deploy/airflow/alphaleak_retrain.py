"""Alpha Leak: monitor live models daily, retrain only when the monitor asks, then refresh the hosts.

    ingest (spark-submit)  ->  monitor (spark-submit)  ->  run --if-drift (spark-submit)  ->  sync-models (on the host pool)

A second DAG, alphaleak_ingest, runs ingest every 30 minutes: the live system recomputes wallet
features, creator stats and token state in place, so their history exists only as these captures,
and the capture interval is the point-in-time precision of those tables (docs/data-contracts.md).
The daily run's own ingest brings every table up to date right before the monitor and the retrain.
ingest is idempotent (each table's rows and position are one Delta commit): a retry or an overlap
neither duplicates nor skips rows; its exit 3 (a live table breaks its contract; that table was not
committed, the others were) fails the task. The database user and password reach the driver as the
environment variables ALPHALEAK_PG_USER / ALPHALEAK_PG_PASSWORD (e.g. spark.kubernetes.driverEnv.*
from a secret, or spark.yarn.appMasterEnv.* from the Airflow connection), or as ingest.secrets-file
mounted on the driver; never as arguments.

Exit codes (com.alphaleak.ExitCodes, README "Exit codes"): 0 success, 1 unexpected failure,
2 bad command line or configuration, 3 input data breaks its contract (nothing written), 4 a quality
gate refused the result (the previous model stays published), 5 model store integrity (a corrupt
object or a version conflict was refused; nothing changed, needs an operator), 10 monitor:
retraining recommended.

Idempotency and what each task does with those codes:
  * monitor writes its decision to the Delta history table (monitor.history) and report.json.
    With --zero-exit-on-retrain it exits 0 for "retrain recommended", because spark-submit in
    cluster mode reports any non-zero exit as a failed application; the decision travels through
    the history table, not the exit code. Exit 3 (bad input) and 1 (failure) fail the task.
  * run --if-drift retrains only the targets whose latest decision is retrain, and exits 0 at
    once when there are none. Re-running it with the same run id is idempotent: unchanged
    datasets are kept, a model the run already finished with the same data and settings (the
    sidecar's training.fingerprint) is reused without searching again, an already published
    version is ALREADY_PUBLISHED; only unfinished targets are trained. Exit 4 means the champion gate kept the current model (not an error for
    the hosts: nothing changed for them), so that task is allowed to "fail" softly below.
  * run --if-drift exit 5: a version id already holds other bytes, or a stored object is
    corrupt; nothing was promoted. That fails the task (an operator looks at the store).
  * run --if-drift exit 6: a target was skipped (its dataset has no positives in a slice; the
    reason is in the log and the dataset manifest's skipped_targets) while every other model was
    trained and published. That fails the task so that someone drops the target or waits for
    data; the hosts still sync.
  * sync-models is safe to run any time; hosts also run it from cron. Exit 5 means a corrupt
    object was refused and the hosts keep their model: fix the store (rollback or republish).

Set the Airflow connection `spark_default` to your YARN or Kubernetes master. S3 credentials come
from the cluster's instance role or a Hadoop credential provider, never from this file.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "s3a://alphaleak-artifacts/alphaleak-jobs-cluster.jar"
MAIN = "com.alphaleak.jobs.AlphaLeakCli"
PROFILE = "conf/cluster.conf"  # shipped with --files; see README "Cluster deployment"
RUN_ID = "{{ ds_nodash }}"     # one run id per schedule date: retries and re-runs resume the same run

common = dict(
    conn_id="spark_default",
    application=JAR,
    java_class=MAIN,
    files=PROFILE,
    conf={
        "spark.sql.adaptive.enabled": "true",
        "spark.task.cpus": "1",  # = tuning.threads-per-trial
        "spark.hadoop.fs.s3a.aws.credentials.provider":
            "com.amazonaws.auth.InstanceProfileCredentialsProvider",
    },
    executor_memory="8g",
    driver_memory="8g",
)

with DAG(
    dag_id="alphaleak_retrain",
    start_date=datetime(2026, 1, 1),
    schedule="0 3 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["alphaleak"],
) as dag:
    ingest = SparkSubmitOperator(
        task_id="ingest",
        application_args=["ingest", "--config", "cluster.conf", "--set", f"run.id={RUN_ID}"],
        **common,
    )
    monitor = SparkSubmitOperator(
        task_id="monitor",
        application_args=["monitor", "--config", "cluster.conf", "--zero-exit-on-retrain",
                          "--set", f"run.id={RUN_ID}"],
        **common,
    )
    retrain = SparkSubmitOperator(
        task_id="retrain_if_drift",
        application_args=["run", "--config", "cluster.conf", "--if-drift", "--set", f"run.id={RUN_ID}"],
        num_executors=8,
        executor_cores=4,
        execution_timeout=timedelta(hours=6),
        **common,
    )
    sync = BashOperator(
        task_id="sync_hosts",
        # hosts also sync from cron; this makes a new model live without waiting for it
        bash_command="ssh inference-pool 'alphaleak sync-models --root s3a://alphaleak-models --dest /srv/alphaleak/models'",
        trigger_rule="all_done",  # a champion kept by the gate (exit 4) still syncs: nothing changes
    )
    ingest >> monitor >> retrain >> sync

with DAG(
    dag_id="alphaleak_ingest",
    start_date=datetime(2026, 1, 1),
    schedule="*/30 * * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=2)},
    tags=["alphaleak"],
) as ingest_dag:
    SparkSubmitOperator(
        task_id="ingest",
        # no --known-at: each snapshot row is stamped with the time its read finished (never earlier than seen)
        application_args=["ingest", "--config", "cluster.conf"],
        execution_timeout=timedelta(minutes=25),
        **common,
    )
