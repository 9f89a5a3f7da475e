package io.rowfs.boot.dhcp;

import java.io.IOException;
import java.time.Instant;

/** Where {@link LeasePool} records the changes that must survive a restart. */
interface LeaseLog {
    void bound(Lease lease) throws IOException;

    void freed(String mac, long ip) throws IOException;

    void declined(long ip, Instant until) throws IOException;

    LeaseLog NONE = new LeaseLog() {
        @Override
        public void bound(Lease lease) {
        }

        @Override
        public void freed(String mac, long ip) {
        }

        @Override
        public void declined(long ip, Instant until) {
        }
    };
}
