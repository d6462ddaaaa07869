package cn.landreserve.ledger.archive;

import cn.landreserve.ledger.receipt.VerifyCommand;
import java.util.Arrays;

/**
 * The verifier jar's entry: {@code verify-package ...} checks an archive package ({@link VerifyPackageCommand});
 * anything else is the receipt verifier's command line ({@link VerifyCommand}), unchanged.
 */
public final class VerifierMain {
    private VerifierMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-package")) {
            System.exit(VerifyPackageCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        VerifyCommand.main(args);
    }
}
