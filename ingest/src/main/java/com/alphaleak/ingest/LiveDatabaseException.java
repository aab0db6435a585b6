package com.alphaleak.ingest;

import com.alphaleak.AlphaLeakException;
import com.alphaleak.ExitCodes;

/**
 * The live database could not be reached or queried (connection refused, authentication failed, a
 * mapped column that does not exist). Exit 1 like any infrastructure failure, but with a message
 * scrubbed of credentials and no cause: JDBC exceptions can carry the URL and its parameters.
 */
public final class LiveDatabaseException extends AlphaLeakException {
    public LiveDatabaseException(String message) {
        super(ExitCodes.FAILURE, message);
    }
}
