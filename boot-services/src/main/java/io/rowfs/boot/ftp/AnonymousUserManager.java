package io.rowfs.boot.ftp;

import java.util.List;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.AnonymousAuthentication;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;

/**
 * One user, "anonymous", whose home is the boot root and who holds no {@code WritePermission}
 * (so STOR, DELE, MKD, RNTO... are refused). Every other login fails; users cannot be added.
 */
final class AnonymousUserManager implements UserManager {
    private final BaseUser anonymous;

    AnonymousUserManager(String home, int maxLogins) {
        anonymous = new BaseUser();
        anonymous.setName(ANONYMOUS);
        anonymous.setHomeDirectory(home);
        anonymous.setEnabled(true);
        List<Authority> authorities = List.of(new ConcurrentLoginPermission(maxLogins, maxLogins));
        anonymous.setAuthorities(authorities);
    }

    @Override
    public User getUserByName(String name) {
        return ANONYMOUS.equals(name) ? anonymous : null;
    }

    @Override
    public String[] getAllUserNames() {
        return new String[] {ANONYMOUS};
    }

    @Override
    public void delete(String name) throws FtpException {
        throw new FtpException("users are fixed");
    }

    @Override
    public void save(User user) throws FtpException {
        throw new FtpException("users are fixed");
    }

    @Override
    public boolean doesExist(String name) {
        return ANONYMOUS.equals(name);
    }

    @Override
    public User authenticate(Authentication auth) throws AuthenticationFailedException {
        if (auth instanceof AnonymousAuthentication) {
            return anonymous;
        }
        throw new AuthenticationFailedException("only anonymous access");
    }

    @Override
    public String getAdminName() {
        return "";
    }

    @Override
    public boolean isAdmin(String name) {
        return false;
    }
}
