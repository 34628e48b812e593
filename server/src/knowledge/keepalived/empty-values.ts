// What keepalived does with a keyword written without its value, where that is NOT the usual fatal stop.
//
// Most handlers read their value with strvec_slot(), which exits the whole program (exit code 2, "is missing a
// parameter after keyword") when the word is absent. Some handlers check the word count first and only log an
// error, and a few read nothing at all when the value is missing. Keys are `block/keyword` as in keywords.ts.
//
// Measured with Debian's keepalived 2.2.7 `-t`: every keyword of every block that keywords.ts marks as
// needing a value was run alone in a minimal config. 234 stopped with exit code 2; the exceptions are listed
// here. Keywords keepalived 2.2.7 does not know (added in 2.3) could not be measured and are assumed fatal.

/** keepalived logs an error and drops the line (for a block keyword: the whole block); exit code 5. */
export const IGNORED_WHEN_EMPTY: ReadonlySet<string> = new Set([
  'root/instance',
  'root/net_namespace',
  'root/track_group',
  'root/vrrp_instance',
  'root/vrrp_sync_group',
  'global_defs/bfd_cpu_affinity',
  'global_defs/bfd_priority',
  'global_defs/bfd_rt_priority',
  'global_defs/checker_cpu_affinity',
  'global_defs/checker_priority',
  'global_defs/checker_rt_priority',
  'global_defs/dbus_service_name',
  'global_defs/default_interface',
  'global_defs/lvs_netlink_cmd_rcv_bufs',
  'global_defs/lvs_netlink_monitor_rcv_bufs',
  'global_defs/lvs_notify_fifo',
  'global_defs/lvs_notify_fifo_script',
  'global_defs/lvs_sync_daemon',
  'global_defs/lvs_timeouts',
  'global_defs/min_auto_priority_delay',
  'global_defs/notification_email_from',
  'global_defs/notify_fifo',
  'global_defs/notify_fifo_script',
  'global_defs/process_monitor_rcv_bufs',
  'global_defs/reload_time_file',
  'global_defs/router_id',
  'global_defs/script_user',
  'global_defs/shutdown_script',
  'global_defs/shutdown_script_timeout',
  'global_defs/snmp_socket',
  'global_defs/startup_script',
  'global_defs/startup_script_timeout',
  'global_defs/tmp_config_directory',
  'global_defs/vrrp_cpu_affinity',
  'global_defs/vrrp_garp_extra_if',
  'global_defs/vrrp_netlink_cmd_rcv_bufs',
  'global_defs/vrrp_netlink_monitor_rcv_bufs',
  'global_defs/vrrp_notify_fifo',
  'global_defs/vrrp_notify_fifo_script',
  'global_defs/vrrp_priority',
  'global_defs/vrrp_rt_priority',
  'global_defs/vrrp_rx_bufs_multiplier',
  'global_defs/vrrp_rx_bufs_policy',
  'global_defs/vrrp_vmac_garp_intvl',
  'vrrp_instance/garp_extra_if',
  'vrrp_instance/kernel_rx_buf_size',
  'vrrp_instance/vmac_garp_intvl',
  // No message on the line itself: the script is never set, so the vrrp_script / checker is dropped later.
  'vrrp_script/script',
  'MISC_CHECK/misc_path',
  'vrrp_track_process/weight',
  'track_file/file',
  'track_file/weight',
  'SSL/ca',
  'SSL/certificate',
  'SSL/key',
  'SSL/password',
  'virtual_server/snmp_name',
  'virtual_server/virtualhost',
  'real_server/snmp_name',
  'real_server/virtualhost',
  'MISC_CHECK/user',
  'SMTP_CHECK/helo_name',
  'UDP_CHECK/payload',
  'HTTP_GET/http_protocol',
  'HTTP_GET/virtualhost',
  'SSL_GET/http_protocol',
  'SSL_GET/virtualhost',
  'url/virtualhost',
  'ssl_url/virtualhost',
  'FILE_CHECK/weight',
  'BFD_CHECK/name',
]);

/** keepalived says nothing and carries on as if the line were absent (exit code 0). */
export const ACCEPTED_WHEN_EMPTY: ReadonlySet<string> = new Set([
  'global_defs/smtp_helo_name',
  ...['status_code', 'regex', 'regex_options', 'regex_min_offset', 'regex_max_offset', 'regex_stack'].flatMap((k) => [`url/${k}`, `ssl_url/${k}`]),
]);

// Also measured, and left at the fatal default:
// - bfd_instance without a name, and neighbor_ip / neighbour_ip without an address: keepalived 2.2.7 crashes
//   (segmentation fault) instead of exiting cleanly.
// - virtual_server/sorry_server_lvs_method: fatal after a sorry_server line; before or without one keepalived
//   only reports "sorry_server forwarding used without sorry_server".
