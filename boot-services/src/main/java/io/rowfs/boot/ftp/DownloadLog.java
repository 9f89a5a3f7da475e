package io.rowfs.boot.ftp;

import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs who downloaded what, and refused uploads, in the boot services' own words. */
final class DownloadLog extends DefaultFtplet {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadLog.class);

    @Override
    public FtpletResult onDownloadEnd(FtpSession session, FtpRequest request) {
        LOG.info("ftp: {} downloaded {}", session.getClientAddress(), request.getArgument());
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult onUploadStart(FtpSession session, FtpRequest request) {
        LOG.warn("ftp: {} tried to upload {}: refused (read-only)", session.getClientAddress(), request.getArgument());
        return FtpletResult.DEFAULT;
    }
}
