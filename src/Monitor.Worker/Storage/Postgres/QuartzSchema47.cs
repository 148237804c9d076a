namespace Monitor.Worker.Storage.Postgres;

/// <summary>
/// What Quartz.NET 4.7's job store reads beyond <see cref="QuartzSchema"/> (which follows the 3.x/4.0 script): the
/// paused job groups table, the columns 4.x added to triggers, fired triggers, paused groups and node state, the
/// history tables (used only when execution history is turned on) and the newer indexes. Quartz refuses to start on
/// a schema missing any of them. Only additions, each guarded by IF NOT EXISTS, so it is safe over any earlier schema.
/// </summary>
internal static class QuartzSchema47
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS qrtz_paused_job_grps (
          sched_name TEXT NOT NULL, job_group TEXT NOT NULL,
          pause_reason VARCHAR(250) NULL, paused_by VARCHAR(200) NULL, paused_at BIGINT NULL,
          PRIMARY KEY (sched_name, job_group));

        ALTER TABLE qrtz_triggers
          ADD COLUMN IF NOT EXISTS retry_policy VARCHAR(250) NULL,
          ADD COLUMN IF NOT EXISTS retry_attempt INTEGER NULL,
          ADD COLUMN IF NOT EXISTS continues_trigger_name TEXT NULL,
          ADD COLUMN IF NOT EXISTS continues_trigger_group TEXT NULL,
          ADD COLUMN IF NOT EXISTS continuation_condition INTEGER NULL,
          ADD COLUMN IF NOT EXISTS overlap_policy INTEGER NULL,
          ADD COLUMN IF NOT EXISTS pause_reason VARCHAR(250) NULL,
          ADD COLUMN IF NOT EXISTS paused_by VARCHAR(200) NULL,
          ADD COLUMN IF NOT EXISTS paused_at BIGINT NULL,
          ADD COLUMN IF NOT EXISTS misfire_threshold BIGINT NULL,
          ADD COLUMN IF NOT EXISTS fixed_delay BOOL NULL;
        ALTER TABLE qrtz_paused_trigger_grps
          ADD COLUMN IF NOT EXISTS pause_reason VARCHAR(250) NULL,
          ADD COLUMN IF NOT EXISTS paused_by VARCHAR(200) NULL,
          ADD COLUMN IF NOT EXISTS paused_at BIGINT NULL;
        ALTER TABLE qrtz_fired_triggers
          ADD COLUMN IF NOT EXISTS progress INTEGER NULL,
          ADD COLUMN IF NOT EXISTS progress_message VARCHAR(250) NULL,
          ADD COLUMN IF NOT EXISTS interrupt_requested_time BIGINT NULL;
        ALTER TABLE qrtz_scheduler_state ADD COLUMN IF NOT EXISTS quartz_version VARCHAR(20) NULL;

        CREATE TABLE IF NOT EXISTS qrtz_execution_history (
          sched_name TEXT NOT NULL, entry_id TEXT NOT NULL, instance_name TEXT NOT NULL, job_name TEXT NOT NULL,
          job_group TEXT NOT NULL, trigger_name TEXT NOT NULL, trigger_group TEXT NOT NULL, fired_time BIGINT NOT NULL,
          run_time BIGINT NOT NULL, succeeded BOOL NOT NULL, error_message TEXT NULL,
          retry_attempt INTEGER NOT NULL DEFAULT 0, retry_scheduled BOOL NOT NULL DEFAULT FALSE, execution_log TEXT NULL,
          result INTEGER NULL, summary TEXT NULL, metrics TEXT NULL, manual BOOL NULL, fire_instance_id TEXT NULL,
          job_input TEXT NULL, job_input_too_large BOOL NULL,
          PRIMARY KEY (sched_name, entry_id));
        CREATE TABLE IF NOT EXISTS qrtz_misfire_history (
          sched_name TEXT NOT NULL, entry_id TEXT NOT NULL, instance_name TEXT NOT NULL, trigger_name TEXT NOT NULL,
          trigger_group TEXT NOT NULL, job_name TEXT NULL, job_group TEXT NULL, misfire_time BIGINT NOT NULL,
          sched_time BIGINT NULL, reason INTEGER NULL,
          PRIMARY KEY (sched_name, entry_id));
        CREATE TABLE IF NOT EXISTS qrtz_job_status (
          sched_name TEXT NOT NULL, job_group TEXT NOT NULL, job_name TEXT NOT NULL, first_fired_time BIGINT NOT NULL,
          last_fired_time BIGINT NOT NULL, last_result INTEGER NOT NULL, last_run_time BIGINT NOT NULL,
          last_instance_name TEXT NOT NULL, last_entry_id TEXT NULL, last_summary TEXT NULL, last_success_time BIGINT NULL,
          last_failure_time BIGINT NULL, last_failure_message TEXT NULL, consecutive_failures INTEGER NOT NULL DEFAULT 0,
          run_count BIGINT NOT NULL DEFAULT 0, failure_count BIGINT NOT NULL DEFAULT 0,
          PRIMARY KEY (sched_name, job_group, job_name));

        CREATE INDEX IF NOT EXISTS idx_qrtz_t_j ON qrtz_triggers (sched_name, job_name, job_group);
        CREATE INDEX IF NOT EXISTS idx_qrtz_t_c ON qrtz_triggers (sched_name, calendar_name);
        CREATE INDEX IF NOT EXISTS idx_qrtz_ft_inst_job_req_rcvry ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
        CREATE INDEX IF NOT EXISTS idx_qrtz_ft_j_g ON qrtz_fired_triggers (sched_name, job_name, job_group);
        CREATE INDEX IF NOT EXISTS idx_qrtz_ft_t_g ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fired_time ON qrtz_execution_history (sched_name, fired_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_inst ON qrtz_execution_history (sched_name, instance_name);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_job_time ON qrtz_execution_history (sched_name, job_group, job_name, fired_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_eh_fire_inst ON qrtz_execution_history (sched_name, fire_instance_id);
        CREATE INDEX IF NOT EXISTS idx_qrtz_mh_misfire_time ON qrtz_misfire_history (sched_name, misfire_time);
        CREATE INDEX IF NOT EXISTS idx_qrtz_mh_inst ON qrtz_misfire_history (sched_name, instance_name);
        """;
}
