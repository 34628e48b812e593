/**
 * Where keepalived's keywords are documented. The keepalived.conf(5) manual page is the reference the
 * keepalived team maintains; keepalived.org publishes it for the latest release only (its older sphinx
 * pages describe 1.x and are marked deprecated), so the link does not depend on the target version.
 */
export const KEEPALIVED_MANUAL_URL = 'https://www.keepalived.org/manpage.html';
