#version 450
// Does nothing: measures the cost of a dispatch and the wait for it.
layout(local_size_x_id = 0, local_size_y_id = 1, local_size_z_id = 2) in;

void main()
{
}
