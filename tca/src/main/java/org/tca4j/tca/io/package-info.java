/** File output shared by the command line and the evaluation reports: whole files or none. */
package org.tca4j.tca.io;
